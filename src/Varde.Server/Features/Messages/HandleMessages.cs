using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Messages;

/// <summary>
/// A nurse or coordinator of the service takes the patient's waiting messages off the worklist without writing back:
/// "sett, trenger ikke svar", or handed on to the patient's GP when it is a question for the doctor (the GP is told by
/// SMS and reads the thread in the record). Each is marked handled, with who and when, and read. Answering
/// (<see cref="SendMessage"/>) handles them as answered instead. A message already handled stays as it was.
/// </summary>
public sealed class HandleMessages(VardeDbContext db, MessageDoor door, TimeProvider clock)
{
    public const string Action = "message.handle";

    /// <param name="MessageIds">The patient's messages to mark handled.</param>
    /// <param name="HandedOnTo">The patient's GP (her staff id) when they are handed on to her; null for "no reply needed".</param>
    public sealed record Request(IReadOnlyList<Guid>? MessageIds, Guid? HandedOnTo = null);

    /// <summary>The answer: how many waiting messages were newly marked handled.</summary>
    public sealed record Answer(int Handled);

    public abstract record Outcome
    {
        public sealed record Handled(int Count) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Request request, Caller caller, CancellationToken ct)
    {
        var opened = await door.OpenAsync(caller, patientId, Action, ct, withTheChange: true);
        if (opened is null || opened.Side != MessageSide.Service)
        {
            if (opened is not null)
                await db.SaveChangesAsync(ct);
            return new Outcome.NotFound();
        }

        var ids = (request.MessageIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Refused([new("messageIds", "Name the messages from the patient to mark handled.")]);
        }

        if (request.HandedOnTo is { } to && (to != opened.Patient.GpStaffId
            || !await db.StaffMembers.AnyAsync(s => s.Id == to && s.Role == Role.Gp && s.DeactivatedAt == null, ct)))
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Refused([new("handedOnTo", "A message is handed on to the patient's own GP (an active GP): give her staff id.")]);
        }

        var theirs = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.PatientId == patientId && m.Direction == MessageDirection.FromPatient)
            .Select(m => m.Id).ToListAsync(ct);
        if (theirs.Count != ids.Count)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Refused([new("messageIds", "Every id must be a message from this patient.")]);
        }

        var waiting = await MessageQueries.Waiting(db).Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        var unread = await MessageQueries.Unread(db, patientId, MessageDirection.FromPatient).Where(id => ids.Contains(id)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var kind = request.HandedOnTo is null ? MessageHandlingKind.NoReplyNeeded : MessageHandlingKind.HandedOn;
        db.MessageHandlings.AddRange(waiting.Select(id => new MessageHandling(id, kind, caller.ActorId, now, request.HandedOnTo)));
        if (request.HandedOnTo is { } gp && waiting.Count > 0)
            await Notify.GpOfHandedMessageAsync(db, patientId, gp, waiting.Min(), now, ct);
        db.MessageReceipts.AddRange(unread.Select(id => new MessageReceipt(id, caller.ActorId, now)));
        if (waiting.Count > 0)
            Outbox.MessagesChanged(db, opened.Patient.FollowUpServiceId, patientId, "message.handled", waiting.Count, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Handled (or read) by a colleague at the same moment: theirs stands.
            db.ChangeTracker.Clear();
            return new Outcome.Handled(0);
        }

        return new Outcome.Handled(waiting.Count);
    }
}
