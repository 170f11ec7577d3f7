using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>
/// A trend rule: how much a quantity may change within a window of days (standards.md §5.3: heart failure, weight
/// up by more than 2 kg over 3 days). The change is today's value against the lowest (for a rise) or highest (for a
/// fall) value of the window before it. A change must be strictly greater than a limit to fire; unset limits never fire.
/// </summary>
public sealed record ChangeRule(
    MeasuredQuantity Quantity,
    int WindowDays,
    decimal? YellowRise = null,
    decimal? RedRise = null,
    decimal? YellowFall = null,
    decimal? RedFall = null)
{
    /// <summary>How far back the rule reads: <see cref="WindowDays"/> days and <see cref="Triage.TriageWindows.DayTolerance"/>.</summary>
    public TimeSpan Window => Triage.TriageWindows.Days(WindowDays);

    public IEnumerable<ValidationError> Check(string field)
    {
        if (WindowDays is < 1 or > 30)
            yield return new(field, "A trend window is 1 to 30 days.");
        if (new[] { YellowRise, RedRise, YellowFall, RedFall }.All(v => v is null))
            yield return new(field, "A trend rule needs at least one limit.");
        if (new[] { YellowRise, RedRise, YellowFall, RedFall }.Any(v => v <= 0))
            yield return new(field, "Trend limits are positive amounts of change.");
        if (YellowRise > RedRise || YellowFall > RedFall)
            yield return new(field, "A yellow limit cannot be above its red limit.");
    }
}

/// <summary>A run of <see cref="Count"/> yellow results in a row for the same measurement (within <see cref="WithinDays"/>) becomes <see cref="Zone"/>.</summary>
public sealed record ConsecutiveYellowRule(int Count = 3, int WithinDays = 7, Triage.TriageOutcome Zone = Triage.TriageOutcome.Red)
{
    /// <summary>How far back the run may reach: <see cref="WithinDays"/> days and <see cref="Triage.TriageWindows.DayTolerance"/>.</summary>
    public TimeSpan Within => Triage.TriageWindows.Days(WithinDays);

    public IEnumerable<ValidationError> Check(string field)
    {
        if (Count is < 2 or > 20)
            yield return new(field, "A run is 2 to 20 results.");
        if (WithinDays is < 1 or > 30)
            yield return new(field, "A run must fall within 1 to 30 days.");
        if (Zone is not (Triage.TriageOutcome.Yellow or Triage.TriageOutcome.Red))
            yield return new(field, "A run raises yellow or red.");
    }
}
