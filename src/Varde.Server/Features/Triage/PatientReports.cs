using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>A patient's reports (measurements and questionnaire responses) from a time on, with their triage records, for triage to read.</summary>
public static class PatientReports
{
    public sealed record Stored(TriageReport Report, TriageRecord Record);

    public static async Task<List<Stored>> LoadAsync(VardeDbContext db, Guid patientId, DateTimeOffset from, CancellationToken ct)
    {
        var records = await db.TriageRecords.Where(r => r.PatientId == patientId && r.EffectiveAt >= from).ToListAsync(ct);
        if (records.Count == 0)
            return [];
        var measurements = await db.Measurements.AsNoTracking().Where(m => m.PatientId == patientId && m.EffectiveAt >= from).ToListAsync(ct);
        var responses = await db.QuestionnaireResponses.AsNoTracking().Where(q => q.PatientId == patientId && q.EffectiveAt >= from).ToListAsync(ct);
        var reports = measurements.Select(TriageReport.Of).Concat(responses.Select(r => r.AsReport())).ToDictionary(r => r.Id);
        return records.Where(r => reports.ContainsKey(r.ReportId)).Select(r => new Stored(reports[r.ReportId], r)).ToList();
    }
}
