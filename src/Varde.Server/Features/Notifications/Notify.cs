using Varde.Data;
using Varde.Domain.Messages;
using Varde.Domain.Notifications;

namespace Varde.Server.Features.Notifications;

/// <summary>Stages the notifications a change causes, in the change's own transaction (the sender takes them from there).</summary>
public static class Notify
{
    /// <summary>
    /// How long a new message from the service waits before the patient is told: long enough that a patient reading in
    /// the app at that moment is not pushed for what she has just read.
    /// </summary>
    public static readonly TimeSpan MessageDelay = TimeSpan.FromMinutes(2);

    public static void PatientOfMessage(VardeDbContext db, PatientMessage message, DateTimeOffset now)
    {
        if (message.Direction != MessageDirection.FromService)
            return;
        db.Notifications.Add(Notification.ToPatient(Guid.CreateVersion7(now), NotificationPurpose.NewMessage, message.PatientId,
            $"message:{message.Id:N}", message.Id, now + MessageDelay, now));
    }
}
