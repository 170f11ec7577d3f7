using Varde.Domain.Services;

namespace Varde.Server.Demo;

/// <summary>
/// When the demo's history ends: the latest 10:00 in Oslo at or before now, after the patients' morning readings and
/// answers (06:30–09:40) and before any plan's deadline (12:00). Readings are made at local morning times up to that
/// instant and the nurse has handled what came in until a day before it, so the demo has the same rows whatever the
/// time of day it is built: at 14:00, and at 03:00 the night after, it shows the same morning's work.
/// </summary>
public static class DemoTime
{
    public static readonly TimeOnly HistoryEnds = new(10, 0);

    public static DateTimeOffset AsOf(DateTimeOffset now)
    {
        var today = NorwegianTime.Today(now);
        var end = NorwegianTime.ToInstant(today, HistoryEnds);
        return end <= now ? end : NorwegianTime.ToInstant(today.AddDays(-1), HistoryEnds);
    }

    /// <summary>The instant of a local time on the demo's <paramref name="day"/>-th day, counted from <paramref name="days"/> days before <paramref name="asOf"/>.</summary>
    public static DateTimeOffset On(DateTimeOffset asOf, int days, int day, TimeOnly time) =>
        NorwegianTime.ToInstant(NorwegianTime.Today(asOf).AddDays(day - days), time);
}
