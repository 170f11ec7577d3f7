using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Domain.Notifications;

/// <summary>A reminder round for one due occasion: the first at the due time, the next an hour later, while the deadline has not passed.</summary>
public sealed record DueReminder(DueSlot Slot, int Round, DateTimeOffset At)
{
    public string KeyFor(Guid patientId) => $"due:{patientId:N}:{Slot.Item.Key}:{Slot.Day:yyyy-MM-dd}:{Round}";
}

/// <summary>
/// Which reminders are due now for a plan's schedule: for each occasion today that is not done, the round whose time
/// has come and whose next round has not (so a server that was down sends the latest round, not every missed one).
/// Rounds come at the due time and every <see cref="Gap"/> after it, at most <see cref="MaxRounds"/>, and never at
/// or after the deadline (the missing report is the service's then).
/// </summary>
public static class DueReminders
{
    public const int MaxRounds = 2;
    public static readonly TimeSpan Gap = TimeSpan.FromHours(1);

    public static IEnumerable<DueReminder> At(IReadOnlyList<ScheduleItem> schedule, DateTimeOffset now, TimeSpan defaultGrace,
        IEnumerable<(string Key, DateTimeOffset EffectiveAt)> reports)
    {
        var today = NorwegianTime.Today(now);
        var done = reports.ToList();
        foreach (var item in schedule.Where(i => i.Days.Contains(today.DayOfWeek)))
        {
            var dueBy = NorwegianTime.ToInstant(today, item.DueBy);
            var slot = new DueSlot(item, today, NorwegianTime.ToInstant(today, TimeOnly.MinValue), dueBy, dueBy + item.GraceOr(defaultGrace));
            if (now < dueBy || now >= slot.Deadline || done.Any(r => slot.IsFulfilledBy(r.Key, r.EffectiveAt)))
                continue;
            var round = Math.Min(MaxRounds, 1 + (int)((now - dueBy) / Gap));
            var at = dueBy + (round - 1) * Gap;
            if (at < slot.Deadline)
                yield return new DueReminder(slot, round, at);
        }
    }
}
