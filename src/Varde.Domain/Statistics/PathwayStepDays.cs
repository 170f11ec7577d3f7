using System.Globalization;
using System.Text;
using Varde.Domain.Pathways;
using Varde.Domain.Services;

namespace Varde.Domain.Statistics;

/// <summary>
/// A pathway's steps as the statistics read them, kept beside its history as short text: one
/// <c>step:state:yyyy-MM-dd</c> per step (the Norwegian date), in order, separated by spaces, e.g.
/// <c>Refer:Referred:2026-01-05 StartAssessment:Assessment:2026-01-07</c>. National figures read 100,000 pathways per
/// request; the history's JSON (who took each step, times to the second) is about five times the characters and needs a
/// time-zone conversion per step (docs/benchmarks.md, B6; ADR 0057).
/// </summary>
public static class PathwayStepDays
{
    private const char StepSeparator = ' ';
    private const char FieldSeparator = ':';
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>
    /// Where an evaluation's step begins in the text (an evaluation is a step, and never the first). The statistics find
    /// the pathways that held one from the parsed steps (<see cref="Read"/>), not by searching the text for this.
    /// </summary>
    public static readonly string EvaluationHeld = $"{StepSeparator}{PathwayStep.Evaluate}{FieldSeparator}";

    /// <summary>The text of these steps.</summary>
    public static string Of(IEnumerable<PathwayEvent> history)
    {
        var text = new StringBuilder();
        foreach (var e in history)
        {
            if (text.Length > 0)
                text.Append(StepSeparator);
            text.Append(e.Step).Append(FieldSeparator).Append(e.State).Append(FieldSeparator)
                .Append(NorwegianTime.Today(e.At).ToString(DayFormat, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The steps in a text made by <see cref="Of"/>.</summary>
    /// <exception cref="FormatException">The text is not in that form.</exception>
    public static PathwayStepFact[] Read(string text)
    {
        if (text.Length == 0)
            return [];
        var span = text.AsSpan();
        var steps = new PathwayStepFact[span.Count(StepSeparator) + 1];
        var i = 0;
        foreach (var range in span.Split(StepSeparator))
            steps[i++] = ReadStep(span[range]);
        return steps;
    }

    private static PathwayStepFact ReadStep(ReadOnlySpan<char> step)
    {
        var first = step.IndexOf(FieldSeparator);
        var second = first < 0 ? -1 : step[(first + 1)..].IndexOf(FieldSeparator) + first + 1;
        if (first < 0 || second <= first
            || !Enum.TryParse<PathwayStep>(step[..first], out var kind) || !Enum.IsDefined(kind) || !step[..first].SequenceEqual(kind.ToString())
            || !Enum.TryParse<PathwayState>(step[(first + 1)..second], out var state) || !Enum.IsDefined(state)
            || !step[(first + 1)..second].SequenceEqual(state.ToString())
            || !DateOnly.TryParseExact(step[(second + 1)..], DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            throw new FormatException($"A pathway step is written step:state:{DayFormat}, not '{step}'.");
        return new PathwayStepFact(kind, state, on);
    }
}
