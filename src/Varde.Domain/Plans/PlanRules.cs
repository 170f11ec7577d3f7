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

/// <summary>What the patient is told to do in each zone, in the plan's words (egenbehandlingsplanen).</summary>
public sealed record ZoneInstructions(string? Green, string? Yellow, string? Red)
{
    public string? For(TriageOutcome zone) => zone switch
    {
        TriageOutcome.Green => Green,
        TriageOutcome.Yellow => Yellow,
        TriageOutcome.Red => Red,
        _ => null,
    };
}
