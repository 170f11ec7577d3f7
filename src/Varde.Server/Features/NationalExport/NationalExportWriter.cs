using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Exports;
using Varde.Domain.Patients;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Features.NationalExport;

/// <summary>
/// Makes the next national export batches (ADR 0046): the readings received after the newest batch's watermark, in the
/// order received, up to <see cref="BatchSize"/> a batch, as VKP Observations in a PMD batch Bundle. Only readings
/// received at least <see cref="Settle"/> ago are taken, so one whose transaction commits a moment after a later one
/// is not stepped over. Patients with only a local H-nummer are left out (no national service knows them). Two
/// servers running the job make each batch once: a batch's watermark is unique.
/// </summary>
public sealed partial class NationalExportWriter(VardeDbContext db, TimeProvider clock, ILogger<NationalExportWriter> logger)
{
    public const int BatchSize = 500;

    /// <summary>How long after its receipt a reading is taken: longer than intake holds a transaction open.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    /// <summary>Makes batches until the readings that have settled are all in one; answers how many readings went in.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        while (await NextAsync(ct) is var count && count > 0)
            total += count;
        return total;
    }

    private async Task<int> NextAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settled = now - Settle;
        var mark = await db.NationalExportBatches.AsNoTracking().OrderByDescending(b => b.LastReceivedAt).ThenByDescending(b => b.LastMeasurementId)
            .Select(b => new { b.LastReceivedAt, b.LastMeasurementId }).FirstOrDefaultAsync(ct);
        var readings = db.Measurements.AsNoTracking().Where(m => m.ReceivedAt < settled
            && db.Patients.Any(p => p.Id == m.PatientId && p.IdentityKind != IdentityNumberKind.HNummer));
        if (mark is not null)
            readings = readings.Where(m => m.ReceivedAt > mark.LastReceivedAt || (m.ReceivedAt == mark.LastReceivedAt && m.Id.CompareTo(mark.LastMeasurementId) > 0));
        var taken = await readings.OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        if (taken.Count == 0)
            return 0;

        var patientIds = taken.Select(m => m.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var serviceIds = patients.Values.Select(p => p.FollowUpServiceId).Distinct().ToList();
        var services = await db.Organisations.AsNoTracking().Where(o => serviceIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => (o.Name, o.OrganisationNumber), ct);
        var exported = taken.Select(m => VkpObservations.ToVkp(m, patients[m.PatientId], services[patients[m.PatientId].FollowUpServiceId])).ToList();
        var last = taken[^1];
        var bundle = VkpObservations.Batch(exported, now);
        db.NationalExportBatches.Add(NationalExportBatch.Made(Guid.CreateVersion7(now), JsonSerializer.Serialize(bundle, FhirJson.Output), exported.Count,
            last.ReceivedAt, last.Id, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another server made the same batch from the same watermark a moment ago: it is made once (unique watermark).
            db.ChangeTracker.Clear();
            return 0;
        }

        LogMade(logger, exported.Count);
        return exported.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "National export: a batch of {Count} readings made")]
    private static partial void LogMade(ILogger logger, int count);
}
