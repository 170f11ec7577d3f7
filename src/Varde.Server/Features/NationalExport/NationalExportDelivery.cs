using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Exports;
using Varde.Server.Features.Delivery;

namespace Varde.Server.Features.NationalExport;

/// <summary>
/// Sends the waiting national export batches through the configured <see cref="IOutboundDelivery"/> (the
/// <c>NationalExport:Delivery</c> section), oldest first, each taken with a conditional update of its next try (so two
/// servers never send one at once) and tried again after <see cref="OutboundRetries.Delays"/>.
/// </summary>
public sealed class NationalExportDelivery(VardeDbContext db, [FromKeyedServices(NationalExportGroup.Delivery)] IEnumerable<IOutboundDelivery> boundary,
    TimeProvider clock)
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Tries every batch that is due; answers how many were delivered.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (boundary.FirstOrDefault() is not { } delivery)
            return 0;
        var now = clock.GetUtcNow();
        var due = await db.NationalExportBatches.AsNoTracking().Where(b => b.State == NationalExportState.Waiting && b.NextTryAt <= now)
            .OrderBy(b => b.CreatedAt).Select(b => new { b.Id, b.NextTryAt }).Take(20).ToListAsync(ct);
        var delivered = 0;
        foreach (var candidate in due)
        {
            var takenUntil = now + Lease;
            if (await db.NationalExportBatches.Where(b => b.Id == candidate.Id && b.NextTryAt == candidate.NextTryAt)
                    .ExecuteUpdateAsync(u => u.SetProperty(b => b.NextTryAt, takenUntil), ct) == 0)
                continue;
            db.ChangeTracker.Clear();
            var batch = await db.NationalExportBatches.SingleAsync(b => b.Id == candidate.Id, ct);
            var (ok, status) = await delivery.DeliverAsync(new Outgoing(batch.Id, batch.Bundle), ct);
            batch.Tried(ok, status, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            if (ok)
                delivered++;
        }

        return delivered;
    }
}
