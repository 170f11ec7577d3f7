namespace Varde.Domain.Triage;

/// <summary>How far back the rules that need no plan setting look.</summary>
public static class TriageWindows
{
    /// <summary>The recent level a sudden jump is measured from.</summary>
    public static readonly TimeSpan RecentLevel = TimeSpan.FromHours(72);

    /// <summary>A re-measure within this time of a suspected jump can confirm it.</summary>
    public static readonly TimeSpan Remeasure = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinimumLookback = TimeSpan.FromDays(3);

    /// <summary>
    /// Rules counted in days (change over N days, N yellows within N days) reach this much further back, so a daily
    /// reading taken a little later in the day than N days ago still counts: "over 3 days" is "since the reading three
    /// days ago", whether today's was taken at 08:59 or 09:34. Half a day keeps a twice-daily reading from the morning
    /// of day N+1 out, and makes a daylight-saving change (one hour) irrelevant.
    /// </summary>
    public static readonly TimeSpan DayTolerance = TimeSpan.FromHours(12);

    /// <summary>How far back a rule of <paramref name="days"/> days reads, with <see cref="DayTolerance"/>.</summary>
    public static TimeSpan Days(int days) => TimeSpan.FromDays(days) + DayTolerance;
}
