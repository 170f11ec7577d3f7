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

    // Read by hand, not with Enum.TryParse, ToString and DateOnly.TryParseExact: national figures read half a million
    // steps per request, and those took a quarter of the request's CPU (docs/benchmarks.md, B6). Names are matched
    // exactly (case and all), and a day must be a real one.
    private static PathwayStepFact ReadStep(ReadOnlySpan<char> step)
    {
        var first = step.IndexOf(FieldSeparator);
        var second = first < 0 ? -1 : step[(first + 1)..].IndexOf(FieldSeparator) + first + 1;
        if (first < 0 || second <= first
            || !StepNames.TryGetValue(step[..first], out var kind)
            || !StateNames.TryGetValue(step[(first + 1)..second], out var state)
            || !TryReadDay(step[(second + 1)..], out var on))
            throw new FormatException($"A pathway step is written step:state:{DayFormat}, not '{step}'.");
        return new PathwayStepFact(kind, state, on);
    }

    private static readonly Dictionary<string, PathwayStep>.AlternateLookup<ReadOnlySpan<char>> StepNames = ByName<PathwayStep>();
    private static readonly Dictionary<string, PathwayState>.AlternateLookup<ReadOnlySpan<char>> StateNames = ByName<PathwayState>();

    private static Dictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> ByName<TEnum>() where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

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
