using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Writes the steps as days (<see cref="Domain.Pathways.Pathway.StepDays"/>) of the pathways stored before they were
/// kept, at start-up after the migrations, a thousand at a time; afterwards it finds none (the partial index
/// <c>ix_pathways_without_step_days</c> holds only those). The text is the domain's, so it is made in C#, not in SQL.
/// </summary>
public static partial class PathwayStepDaysBackfill
{
    private const int BatchSize = 1_000;

    /// <summary>Writes them and logs how many (when any were); returns how many were written.</summary>
    public static async Task<int> EnsureAndLogAsync(VardeDbContext db, ILogger logger, CancellationToken ct)
    {
        var written = await EnsureAsync(db, ct);
        if (written > 0)
            LogWritten(logger, written);
        return written;
    }

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
            try
            {
                await db.SaveChangesAsync(ct);
                written += batch.Count;
                after = batch[^1].Id;
            }
            catch (DbUpdateConcurrencyException)
            {
                // A node already serving took a step on one of them meanwhile (and wrote its steps as days): the batch was
                // rolled back; read it again.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Steps as days written for {Pathways} pathways stored before they were kept (ADR 0057)")]
    private static partial void LogWritten(ILogger logger, int pathways);
}
