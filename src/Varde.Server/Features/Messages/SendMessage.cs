using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Messages;

/// <summary>
/// Writes a message in a patient's thread: the patient (or a relative with consent) to the service, or a nurse or
/// coordinator of the service to the patient. A message from the patient goes on the service's worklist until handled;
/// a reply from the service handles every message from the patient waiting before it (answered). Idempotent by client
/// id: the same message sent again is answered as a resend and stored once; a client id reused for another message is
/// refused. The message, its access-log entry, its outbox event and (for a message to the patient) the notification that tells
/// her are saved in one transaction.
/// </summary>
public sealed class SendMessage(VardeDbContext db, MessageDoor door, TimeProvider clock)
{
    public const string Action = "message.send";

    /// <summary>A message: its client id, its text, and a photo stored first with <see cref="StoreMessagePhoto"/> (optional).</summary>
    public sealed record Request(string? ClientId, string? Text, Guid? PhotoId = null);

    public abstract record Outcome
    {
        public sealed record Stored(PatientMessage Message) : Outcome;

        public sealed record Resent(PatientMessage Message) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        /// <summary>The client id was used for another message.</summary>
        public sealed record ClientIdReused : Outcome;

        /// <summary>The caller may read the thread but not write in it (the GP, a specialist).</summary>
        public sealed record ReadOnly : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Request request, Caller caller, CancellationToken ct, bool retried = false)
    {
        var opened = await door.OpenAsync(caller, patientId, Action, ct, withTheChange: true);
        if (opened is null)
            return new Outcome.NotFound();
        if (opened.Side == MessageSide.Reader)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.ReadOnly();
        }

        var now = clock.GetUtcNow();
        var written = PatientMessage.Write(Guid.CreateVersion7(now), patientId, opened.Patient.FollowUpServiceId, MessageAccess.DirectionFrom(opened.Side),
            request.Text, request.ClientId, caller.ActorId, opened.OnBehalfLabel, now, request.PhotoId);
        var errors = written.Errors.ToList();
        if (request.PhotoId is { } photoId && !await db.MessagePhotos.AnyAsync(p => p.Id == photoId && p.PatientId == patientId, ct))
            errors.Add(new("photoId", "No photo with this id for this patient: send the photo first."));
        if (errors.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Refused(errors);
        }

        var message = written.Value;
        if (await ResendOfAsync(message, ct) is { } earlier)
        {
            await db.SaveChangesAsync(ct);
            return earlier.SameAs(message) ? new Outcome.Resent(earlier) : new Outcome.ClientIdReused();
        }

        db.Messages.Add(message);
        if (message.Direction == MessageDirection.FromService)
        {
            await AnswerWaitingAsync(message, ct);
            Notify.PatientOfMessage(db, message, now);
        }
        Outbox.MessagesChanged(db, message.ServiceId, patientId, message.Direction == MessageDirection.FromPatient ? "message.received" : "message.sent", 1, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && !retried)
        {
            // The same client id stored by a concurrent request between the look and the save (or a receipt written by a
            // nurse reading at that moment): start again, and the second look finds what is stored.
            db.ChangeTracker.Clear();
            return await HandleAsync(patientId, request, caller, ct, retried: true);
        }

        return new Outcome.Stored(message);
    }

    private Task<PatientMessage?> ResendOfAsync(PatientMessage message, CancellationToken ct) =>
        db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.PatientId == message.PatientId && m.ClientId == message.ClientId, ct);

    // A reply answers what the patient wrote before it that nobody has handled yet.
    private async Task AnswerWaitingAsync(PatientMessage reply, CancellationToken ct)
    {
        var waiting = await MessageQueries.Waiting(db).Where(m => m.PatientId == reply.PatientId && m.SentAt <= reply.SentAt)
            .Select(m => m.Id).ToListAsync(ct);
        db.MessageHandlings.AddRange(waiting.Select(id => new MessageHandling(id, MessageHandlingKind.Answered, reply.AuthorId, reply.SentAt)));
        db.MessageReceipts.AddRange((await MessageQueries.Unread(db, reply.PatientId, MessageDirection.FromPatient).ToListAsync(ct))
            .Select(id => new MessageReceipt(id, reply.AuthorId, reply.SentAt)));
    }
}
