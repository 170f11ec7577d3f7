using Varde.Domain.Services;

namespace Varde.Domain.Plans;

/// <summary>One thing due today: a schedule item, its due-by time today, and when it was done (a report of its kind measured today).</summary>
public sealed record DueToday(ScheduleItem Item, DateTimeOffset DueBy, DateTimeOffset? DoneAt)
{
    public bool Done => DoneAt is not null;

    public bool IsLate(DateTimeOffset now) => !Done && now > DueBy;
}

/// <summary>
/// What the patient's plan asks of them today (Norwegian local day), in due-by order, and what is already done. A
/// report counts for the item of its kind when it was measured today; the first such report marks it done.
/// </summary>
public static class TodayPlan
{
    public static IReadOnlyList<DueToday> For(IReadOnlyList<ScheduleItem> schedule, DateTimeOffset now,
        IEnumerable<(string Key, DateTimeOffset EffectiveAt)> reports)
    {
        var today = NorwegianTime.Today(now);
        var doneToday = reports.Where(r => NorwegianTime.Today(r.EffectiveAt) == today)
            .GroupBy(r => r.Key)
            .ToDictionary(g => g.Key, g => g.Min(r => r.EffectiveAt));
        return schedule.Where(item => item.Days.Contains(today.DayOfWeek))
            .Select(item => new DueToday(item, NorwegianTime.ToInstant(today, item.DueBy), doneToday.TryGetValue(item.Key, out var at) ? at : null))
            .OrderBy(d => d.DueBy)
            .ThenBy(d => d.Item.Key, StringComparer.Ordinal)
            .ToList();
    }
}
