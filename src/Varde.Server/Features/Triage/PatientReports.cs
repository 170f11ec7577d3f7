using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Patients' reports (measurements and questionnaire responses) from a time on, with their triage records, for triage
/// to read. Read without tracking: a caller that changes a record marks it for update itself.
/// </summary>
public static class PatientReports
{
    public sealed record Stored(TriageReport Report, TriageRecord Record);

    public static async Task<List<Stored>> LoadAsync(VardeDbContext db, Guid patientId, DateTimeOffset from, CancellationToken ct) =>
        (await LoadManyAsync(db, new Dictionary<Guid, DateTimeOffset> { [patientId] = from }, ct)).GetValueOrDefault(patientId) ?? [];

    /// <summary>Each patient's reports from its own time on, in one query per table.</summary>
    public static async Task<Dictionary<Guid, List<Stored>>> LoadManyAsync(VardeDbContext db, IReadOnlyDictionary<Guid, DateTimeOffset> from, CancellationToken ct)
    {
        if (from.Count == 0)
            return [];
        var ids = from.Keys.ToList();
        var earliest = from.Values.Min();
        bool Wanted(Guid patientId, DateTimeOffset effectiveAt) => effectiveAt >= from[patientId];

        var records = (await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.PatientId) && r.EffectiveAt >= earliest).ToListAsync(ct))
            .Where(r => Wanted(r.PatientId, r.EffectiveAt)).ToList();
        if (records.Count == 0)
            return [];
        var measurements = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.PatientId) && m.EffectiveAt >= earliest).ToListAsync(ct);
        var responses = await db.QuestionnaireResponses.AsNoTracking().Where(q => ids.Contains(q.PatientId) && q.EffectiveAt >= earliest).ToListAsync(ct);
        var reports = measurements.Where(m => Wanted(m.PatientId, m.EffectiveAt)).Select(TriageReport.Of)
            .Concat(responses.Where(r => Wanted(r.PatientId, r.EffectiveAt)).Select(r => r.AsReport())).ToDictionary(r => r.Id);
        return records.Where(r => reports.ContainsKey(r.ReportId)).GroupBy(r => r.PatientId)
            .ToDictionary(g => g.Key, g => g.Select(r => new Stored(reports[r.ReportId], r)).ToList());
    }
}
