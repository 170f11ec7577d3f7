using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// Everything in a plan version besides thresholds that triage and the missing-data job use: trend rules,
/// questionnaire rules, NEWS2, the schedule of what is due, what the patient should do in each zone, and after how
/// long a reading counts as late, and how old a report's time may be before it is not trusted (<see cref="ReportTime"/>); and the patient's own part of the plan (goals, staying well, whom to contact). Every part is optional; an empty set of rules judges by thresholds alone.
/// </summary>
public sealed record PlanRules(
    IReadOnlyList<ChangeRule> Changes,
    ConsecutiveYellowRule? ConsecutiveYellow,
    IReadOnlyList<ScoreBandRule> ScoreBands,
    IReadOnlyList<AnswerRule> Answers,
    News2Settings? News2,
    IReadOnlyList<ScheduleItem> Schedule,
    ZoneInstructions? Instructions,
    int LateAfterHours = PlanRules.DefaultLateAfterHours,
    PlanGuidance? Guidance = null,
    int MaxReportAgeDays = ReportTime.DefaultMaxAgeDays)
{
    public const int DefaultLateAfterHours = 12;

    public static PlanRules None { get; } = new([], null, [], [], null, [], null);

    public TimeSpan LateAfter => TimeSpan.FromHours(LateAfterHours);

    /// <summary>The same rules with absent lists (from JSON that left them out) as empty lists.</summary>
    public PlanRules Normalised() => this with
    {
        Changes = Changes ?? [],
        ScoreBands = ScoreBands ?? [],
        Answers = Answers ?? [],
        Schedule = (Schedule ?? []).Select(s => s with { Days = s.Days ?? [] }).ToList(),
        Guidance = Guidance?.Normalised(),
        Instructions = Instructions is null ? null : Instructions with { Subjects = Instructions.Subjects ?? [] },
    };

    public IEnumerable<ValidationError> Check()
    {
        var errors = Changes.SelectMany((c, i) => c.Check($"rules.changes[{i}]"))
            .Concat(ScoreBands.SelectMany((b, i) => b.Check($"rules.scoreBands[{i}]")))
            .Concat(Answers.SelectMany((a, i) => a.Check($"rules.answers[{i}]")))
            .Concat(Schedule.SelectMany((s, i) => s.Check($"rules.schedule[{i}]")))
            .Concat(ConsecutiveYellow?.Check("rules.consecutiveYellow") ?? [])
            .Concat(News2?.Check("rules.news2") ?? [])
            .Concat(Guidance?.Check("rules.guidance") ?? [])
            .Concat(Instructions?.Check("rules.instructions") ?? [])
            .ToList();
        foreach (var duplicate in Schedule.GroupBy(s => s.Key).Where(g => g.Count() > 1))
            errors.Add(new("rules.schedule", $"'{duplicate.Key}' is scheduled more than once."));
        if (LateAfterHours is < 1 or > 24 * 14)
            errors.Add(new("rules.lateAfterHours", "Late after must be between 1 hour and 14 days."));
        if (MaxReportAgeDays is < 1 or > 365)
            errors.Add(new("rules.maxReportAgeDays", "The oldest time a report may claim is 1 to 365 days back."));
        return errors;
    }

    /// <summary>How far back triage must look for the rules of this plan.</summary>
    public TimeSpan Lookback =>
        new[] { TriageWindows.MinimumLookback, ConsecutiveYellow?.Within ?? TimeSpan.Zero, News2?.Window ?? TimeSpan.Zero }
            .Concat(Changes.Select(c => c.Window))
            .Max();
}

/// <summary>
/// What the patient is told to do in each zone, in the plan's words (egenbehandlingsplanen). A plan may say something
/// else for one kind of report (<see cref="Subjects"/>: a high blood sugar is not treated like breathlessness); where
/// it says nothing for that kind, the plan's general text for the zone holds.
/// </summary>
public sealed record ZoneInstructions(string? Green, string? Yellow, string? Red, IReadOnlyList<SubjectInstructions>? Subjects = null)
{
    public const int MaxLength = 1000;

    /// <summary>The plan's words for <paramref name="zone"/> for a report about <paramref name="subject"/> (e.g. <c>measurement:BloodGlucose</c>), else its general words for the zone.</summary>
    public string? For(TriageOutcome zone, string? subject = null)
    {
        var own = subject is null ? null : Subjects?.FirstOrDefault(s => s.Subject == subject);
        return zone switch
        {
            TriageOutcome.Green => Green,
            TriageOutcome.Yellow => Written(own?.Yellow) ?? Yellow,
            TriageOutcome.Red => Written(own?.Red) ?? Red,
            _ => null,
        };

        static string? Written(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public IEnumerable<ValidationError> Check(string path)
    {
        foreach (var (text, name) in new[] { (Green, "green"), (Yellow, "yellow"), (Red, "red") })
        {
            if (text is { Length: > MaxLength })
                yield return new($"{path}.{name}", $"An instruction is at most {MaxLength} characters.");
        }

        var subjects = Subjects ?? [];
        for (var i = 0; i < subjects.Count; i++)
        {
            foreach (var error in subjects[i].Check($"{path}.subjects[{i}]"))
                yield return error;
        }

        foreach (var duplicate in subjects.GroupBy(s => s.Subject).Where(g => g.Count() > 1))
            yield return new($"{path}.subjects", $"'{duplicate.Key}' has more than one instruction; give one.");
    }
}

/// <summary>What the patient is told in yellow and red for one kind of report: a measurement (<c>measurement:BloodGlucose</c>) or a questionnaire (<c>questionnaire:cat</c>).</summary>
public sealed record SubjectInstructions(string Subject, string? Yellow, string? Red)
{
    public static string ForMeasurement(MeasurementType type) => TriageReport.SubjectOf(type);

    /// <summary>The measurement this is about, or null (a questionnaire, or not a kind Varde knows).</summary>
    public MeasurementType? Measurement =>
        Enum.GetValues<MeasurementType>().Cast<MeasurementType?>().FirstOrDefault(t => TriageReport.SubjectOf(t!.Value) == Subject);

    /// <summary>The questionnaire this is about (whether it exists is for <see cref="QuestionnaireReferences"/>), or null.</summary>
    public string? QuestionnaireId =>
        Subject.StartsWith(QuestionnairePrefix, StringComparison.Ordinal) && Subject.Length > QuestionnairePrefix.Length ? Subject[QuestionnairePrefix.Length..] : null;

    private const string QuestionnairePrefix = "questionnaire:";

    public IEnumerable<ValidationError> Check(string path)
    {
        var known = Measurement is not null || QuestionnaireId is not null;
        if (!known)
            yield return new($"{path}.subject", $"'{Subject}' is not a kind of report: use measurement:<Type> (e.g. measurement:BloodGlucose) or questionnaire:<id>.");
        if (string.IsNullOrWhiteSpace(Yellow) && string.IsNullOrWhiteSpace(Red))
            yield return new(path, "Give the text for yellow, red or both.");
        if (Yellow is { Length: > ZoneInstructions.MaxLength } || Red is { Length: > ZoneInstructions.MaxLength })
            yield return new(path, $"An instruction is at most {ZoneInstructions.MaxLength} characters.");
    }
}
