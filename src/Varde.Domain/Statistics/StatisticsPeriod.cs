namespace Varde.Domain.Statistics;

/// <summary>A period of whole days in Norwegian time, both ends included (1 January to 31 December is a year).</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period a figure is made for (ten years).</summary>
    public const int LongestDays = 3_660;

    /// <summary>How many days the period has.</summary>
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>A period from two dates: from on or before to, and at most <see cref="LongestDays"/> days.</summary>
    public static Validated<StatisticsPeriod> Of(DateOnly? from, DateOnly? to)
    {
        if (from is null)
            return Validated<StatisticsPeriod>.Fail("from", "Give the first day of the period (from=YYYY-MM-DD).");
        if (to is null)
            return Validated<StatisticsPeriod>.Fail("to", "Give the last day of the period (to=YYYY-MM-DD).");
        if (to < from)
            return Validated<StatisticsPeriod>.Fail("to", "The last day of the period cannot be before the first.");
        var period = new StatisticsPeriod(from.Value, to.Value);
        return period.Days > LongestDays
            ? Validated<StatisticsPeriod>.Fail("to", $"A period is at most {LongestDays} days.")
            : Validated<StatisticsPeriod>.Ok(period);
    }
}
