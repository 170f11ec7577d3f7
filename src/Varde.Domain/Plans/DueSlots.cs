using Varde.Domain.Services;

namespace Varde.Domain.Plans;

/// <summary>One occasion something is due: a schedule item on one local day, fulfilled by a report of its kind measured that day up to the deadline.</summary>
public sealed record DueSlot(ScheduleItem Item, DateOnly Day, DateTimeOffset Opens, DateTimeOffset DueBy, DateTimeOffset Deadline)
{
    /// <summary>Whether a report of this kind measured at <paramref name="effectiveAt"/> fulfils the slot.</summary>
    public bool IsFulfilledBy(string subject, DateTimeOffset effectiveAt) =>
        subject == Item.Key && effectiveAt >= Opens && effectiveAt <= Deadline;
}

/// <summary>
/// Which due slots of a schedule have passed their deadline (due-by time plus grace: the item's own, else the service's
/// default) in a span of time. The
/// missing-data job asks for the slots whose deadline fell between its last look-back and now; each slot is raised
/// at most once (the store keeps one row per patient, item and day).
/// </summary>
public static class DueSlots
{
    public static IEnumerable<DueSlot> WithDeadlineBetween(IReadOnlyList<ScheduleItem> schedule, DateTimeOffset after, DateTimeOffset upTo,
        TimeSpan defaultGrace)
    {
        var firstDay = NorwegianTime.Today(after).AddDays(-2);
        var lastDay = NorwegianTime.Today(upTo);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            foreach (var item in schedule.Where(i => i.Days.Contains(day.DayOfWeek)))
            {
                var dueBy = NorwegianTime.ToInstant(day, item.DueBy);
                var slot = new DueSlot(item, day, NorwegianTime.ToInstant(day, TimeOnly.MinValue), dueBy, dueBy + item.GraceOr(defaultGrace));
                if (slot.Deadline > after && slot.Deadline <= upTo)
                    yield return slot;
            }
        }
    }
}
