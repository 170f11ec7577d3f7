using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Writes the steps as days (<see cref="Domain.Pathways.Pathway.StepDays"/>) of the pathways stored before they were
/// kept, at start-up after the migrations, a thousand at a time; afterwards it finds none (the partial index
/// <c>ix_pathways_without_step_days</c> holds only those). The text is the domain's, so it is made in C#, not in SQL.
/// </summary>
public static class PathwayStepDaysBackfill
{
    private const int BatchSize = 1_000;

    /// <summary>Writes them; returns how many were written.</summary>
    public static async Task<int> EnsureAsync(VardeDbContext db, CancellationToken ct)
    {
        var written = 0;
        var after = Guid.Empty;
        while (true)
        {
            var batch = await db.Pathways.Where(p => p.StepDays == "" && p.Id.CompareTo(after) > 0).OrderBy(p => p.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
                return written;
            foreach (var pathway in batch)
                pathway.WriteStepDays();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            written += batch.Count;
            after = batch[^1].Id;
        }
    }
}
