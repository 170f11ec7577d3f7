using System.Globalization;
using System.Text;
using Varde.Domain.Pathways;
using Varde.Domain.Services;

namespace Varde.Domain.Statistics;

/// <summary>
/// A pathway's steps as the statistics read them, kept beside its history as short text: one
/// <c>step:state:yyyy-MM-dd</c> per step (the Norwegian date), in order, separated by spaces, e.g.
/// <c>Refer:Referred:2026-01-05 StartAssessment:Assessment:2026-01-07</c>. An evaluation's step carries the nurse's
/// structured assessment after the day, when there is one: goals, self-management, feels safer and reports without help
/// (<c>1</c> or <c>0</c>), e.g. <c>Evaluate:Active:2026-05-02:PartlyMet:Better:1:0</c> (ADR 0061). National figures read
/// 100,000 pathways per request; the history's and the evaluations' JSON is about five times the characters and needs a
/// time-zone conversion per step (docs/benchmarks.md, B6; ADR 0057).
/// </summary>
public static class PathwayStepDays
{
    private const char StepSeparator = ' ';
    private const char FieldSeparator = ':';
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>
    /// The text of these steps; each evaluation's step with the assessment of the evaluation it held (the n-th held of
    /// <paramref name="evaluations"/> for the n-th evaluation step: they are held in turn, one per step). An assessment
    /// with a value no choice has (only possible in data edited by hand) is left out, so the text can always be read.
    /// </summary>
    public static string Of(IEnumerable<PathwayEvent> history, IEnumerable<Evaluation> evaluations)
    {
        using var held = evaluations.Where(e => e.HeldAt is not null).GetEnumerator();
        var text = new StringBuilder();
        foreach (var e in history)
        {
            if (text.Length > 0)
                text.Append(StepSeparator);
            text.Append(e.Step).Append(FieldSeparator).Append(e.State).Append(FieldSeparator)
                .Append(NorwegianTime.Today(e.At).ToString(DayFormat, CultureInfo.InvariantCulture));
            if (e.Step == PathwayStep.Evaluate && held.MoveNext() && held.Current.Assessment is { IsComplete: true } assessment)
            {
                text.Append(FieldSeparator).Append(assessment.Goals).Append(FieldSeparator).Append(assessment.SelfManagement)
                    .Append(FieldSeparator).Append(assessment.FeelsSafer ? '1' : '0').Append(FieldSeparator).Append(assessment.ReportsWithoutHelp ? '1' : '0');
            }
        }

        return text.ToString();
    }

    /// <summary>The steps in a text made by <see cref="Of"/>.</summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static PathwayStepFact[] Read(string text) => Read(text.AsSpan());

    /// <inheritdoc cref="Read(string)"/>
    public static PathwayStepFact[] Read(ReadOnlySpan<char> span)
    {
        if (span.Length == 0)
            return [];
        var steps = new PathwayStepFact[span.Count(StepSeparator) + 1];
        var i = 0;
        foreach (var range in span.Split(StepSeparator))
            steps[i++] = ReadStep(span[range]);
        return steps;
    }

    // Read by hand, not with Enum.TryParse, ToString and DateOnly.TryParseExact: national figures read half a million
    // steps per request, and those took a quarter of the request's CPU (docs/benchmarks.md, B6). Names are matched
    // exactly (case and all), and a day must be a real one.
    private static PathwayStepFact ReadStep(ReadOnlySpan<char> step)
    {
        Span<Range> fields = stackalloc Range[MostFields + 1];
        var count = step.Split(fields, FieldSeparator);
        EvaluationAssessment? assessment = null;
        if ((count != 3 && count != MostFields)
            || !EnumNames<PathwayStep>.TryParse(step[fields[0]], out var kind)
            || !EnumNames<PathwayState>.TryParse(step[fields[1]], out var state)
            || !TryReadDay(step[fields[2]], out var on)
            || (count == MostFields && (kind != PathwayStep.Evaluate || !TryReadAssessment(step, fields[3..MostFields], out assessment))))
            throw new FormatException($"A pathway step is written step:state:{DayFormat} (an evaluation's with goals:self-management:1|0:1|0 after it), not '{step}'.");
        return new PathwayStepFact(kind, state, on, assessment);
    }

    private const int MostFields = 7;

    private static bool TryReadAssessment(ReadOnlySpan<char> step, ReadOnlySpan<Range> fields, out EvaluationAssessment? assessment)
    {
        assessment = null;
        if (!EnumNames<GoalAttainment>.TryParse(step[fields[0]], out var goals) || !EnumNames<SelfManagementChange>.TryParse(step[fields[1]], out var selfManagement)
            || !TryReadYesNo(step[fields[2]], out var feelsSafer) || !TryReadYesNo(step[fields[3]], out var reportsWithoutHelp))
            return false;
        assessment = Assessments[(int)goals, (int)selfManagement, feelsSafer ? 1 : 0, reportsWithoutHelp ? 1 : 0];
        return true;
    }

    // Every assessment there can be (36), made once and shared: national figures read hundreds of thousands of them, and a
    // record is never changed.
    private static readonly EvaluationAssessment[,,,] Assessments = AllAssessments();

    private static EvaluationAssessment[,,,] AllAssessments()
    {
        var goals = Enum.GetValues<GoalAttainment>();
        var changes = Enum.GetValues<SelfManagementChange>();
        var all = new EvaluationAssessment[(int)goals.Max() + 1, (int)changes.Max() + 1, 2, 2];
        foreach (var g in goals)
        {
            foreach (var c in changes)
            {
                foreach (var safer in new[] { false, true })
                {
                    foreach (var alone in new[] { false, true })
                        all[(int)g, (int)c, safer ? 1 : 0, alone ? 1 : 0] = new EvaluationAssessment(g, c, safer, alone);
                }
            }
        }

        return all;
    }

    private static bool TryReadYesNo(ReadOnlySpan<char> text, out bool yes)
    {
        yes = text is "1";
        return yes || text is "0";
    }

    // yyyy-MM-dd, digits only, a day that exists.
    private static bool TryReadDay(ReadOnlySpan<char> text, out DateOnly day)
    {
        day = default;
        if (text.Length != DayFormat.Length || text[4] != '-' || text[7] != '-'
            || !TryDigits(text[..4], out var year) || !TryDigits(text[5..7], out var month) || !TryDigits(text[8..], out var dayOfMonth)
            || year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
            return false;
        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
