using Varde.Domain.Services;

namespace Varde.Domain.Notifications;

/// <summary>
/// When nobody is woken: from 22:00 to 08:00 Norwegian time nothing is sent to a patient or a GP; what falls due then
/// waits until the morning (and is looked at again then: a reminder whose report has come is not sent at all). A red
/// waiting for acknowledgement is not held back: the service's opening hours decide when it escalates
/// (<see cref="Notification.KeepsQuietHours"/>).
/// </summary>
public static class QuietHours
{
    public static readonly TimeOnly Starts = new(22, 0);
    public static readonly TimeOnly Ends = new(8, 0);

    /// <summary>When the quiet ends, if <paramref name="at"/> is in quiet hours; else null.</summary>
    public static DateTimeOffset? EndOf(DateTimeOffset at)
    {
        var local = NorwegianTime.ToLocal(at);
        var time = TimeOnly.FromDateTime(local);
        var day = DateOnly.FromDateTime(local);
        if (time >= Starts)
            return NorwegianTime.ToInstant(day.AddDays(1), Ends);
        if (time < Ends)
            return NorwegianTime.ToInstant(day, Ends);
        return null;
    }
}
