using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Messages;

/// <summary>
/// The read receipts: the patient's side has read what the service wrote, or the service has read what the patient
/// wrote (any nurse or coordinator of the service; the first reader's receipt is kept). The GP or a specialist
/// reading the thread is not the service reading it and leaves no receipt. Called when a side shows the thread.
/// </summary>
public sealed class MarkMessagesRead(VardeDbContext db, MessageDoor door, TimeProvider clock)
{
    public const string Action = "message.mark-read";

    /// <summary>The answer: how many messages were newly marked read.</summary>
    public sealed record Answer(int Marked);

    /// <summary>How many messages were newly marked read; null: no such patient for this caller.</summary>
    public async Task<int?> HandleAsync(Guid patientId, Caller caller, CancellationToken ct)
    {
        var opened = await door.OpenAsync(caller, patientId, Action, ct, withTheChange: true);
        if (opened is null)
            return null;
        if (opened.Side is not (MessageSide.Patient or MessageSide.Service))
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }

        var theirs = opened.Side == MessageSide.Patient ? MessageDirection.FromService : MessageDirection.FromPatient;
        var unread = await MessageQueries.Unread(db, patientId, theirs).ToListAsync(ct);
        if (unread.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }

        var now = clock.GetUtcNow();
        db.MessageReceipts.AddRange(unread.Select(id => new MessageReceipt(id, caller.ActorId, now)));
        Outbox.MessagesChanged(db, opened.Patient.FollowUpServiceId, patientId, "message.read", unread.Count, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Someone on the same side read them at the same moment: their receipt stands.
            db.ChangeTracker.Clear();
            return 0;
        }

        return unread.Count;
    }
}
