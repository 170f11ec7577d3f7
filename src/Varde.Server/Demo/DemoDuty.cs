using Varde.Domain.Services;

namespace Varde.Server.Demo;

/// <summary>
/// The demo service's day shifts for the eight weeks before the demo's start, so the work statistics have nurses on duty
/// to divide by: both nurses on weekdays 07:45–15:30, the coordinator 08:00–12:00. Today's shifts are there only as far
/// as they have begun (a nurse on today's shift is on duty now); nobody is on duty at night or at the weekend.
/// </summary>
public static class DemoDuty
{
    public static IEnumerable<DutyShift> Build(Guid serviceId, DateTimeOffset now)
    {
        var today = NorwegianTime.Today(now);
        for (var back = 56; back >= 0; back--)
        {
            var day = today.AddDays(-back);
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                continue;
            foreach (var (login, from, to) in new[] { ("sykepleier1", new TimeOnly(7, 45), new TimeOnly(15, 30)), ("sykepleier2", new(7, 45), new(15, 30)),
                         ("koordinator", new(8, 0), new(12, 0)) })
            {
                var start = NorwegianTime.ToInstant(day, from);
                var end = NorwegianTime.ToInstant(day, to);
                if (start > now)
                    continue;
                var shift = DutyShift.Start(DemoIds.For($"duty-{login}-{day:yyyy-MM-dd}"), serviceId, DemoIds.For(login), start);
                if (end <= now)
                    shift.End(end);
                yield return shift;
            }
        }
    }
}
