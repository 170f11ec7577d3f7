using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Journal;
using Varde.Server.Features.Delivery;

namespace Varde.Server.Features.Journal;

/// <summary>
/// Sends the waiting journal notes through the configured <see cref="IOutboundDelivery"/>, each taken with a conditional
/// update of its next try (so two servers never send one at once), retried after <see cref="JournalNote.RetryDelays"/>.
/// </summary>
public sealed class JournalNoteDelivery(VardeDbContext db, [FromKeyedServices(JournalGroup.Delivery)] IEnumerable<IOutboundDelivery> boundary, TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Tries every note that is due; answers how many were delivered.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (boundary.FirstOrDefault() is not { } delivery)
            return 0;
        var now = clock.GetUtcNow();
        var due = await db.JournalNotes.AsNoTracking().Where(n => n.Delivery == JournalDeliveryState.Waiting && n.NextTryAt <= now)
            .OrderBy(n => n.NextTryAt).Select(n => new { n.Id, n.NextTryAt }).Take(100).ToListAsync(ct);
        var delivered = 0;
        foreach (var candidate in due)
        {
            var takenUntil = now + Lease;
            if (await db.JournalNotes.Where(n => n.Id == candidate.Id && n.NextTryAt == candidate.NextTryAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextTryAt, takenUntil), ct) == 0)
                continue;
            db.ChangeTracker.Clear();
            var note = await db.JournalNotes.SingleAsync(n => n.Id == candidate.Id, ct);
            var (ok, status) = await delivery.DeliverAsync(new Outgoing(note.Id, note.Document, note.Pdf), ct);
            note.Tried(ok, status, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            if (ok)
                delivered++;
        }

        return delivered;
    }
}
