using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The reports a scope's patients sent in [start, end): the hours already summarised (<see cref="SummariseReports"/>)
/// as one count per hour, summed in the database, and the rest — after the summary's watermark — a tally per report
/// from the rows themselves. Without the summary every report is read, and the figures are the same.
/// </summary>
public static class ReportTallies
{
    public static async Task<List<ReportTally>> LoadAsync(VardeDbContext db, StatisticsScope scope, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var through = await db.SummaryWatermarks.AsNoTracking().Where(w => w.Name == SummariseReports.Summary)
            .Select(w => w.Through).SingleOrDefaultAsync(ct);
        var split = through is not { } t || t < start ? start : t > end ? end : t;
        var tallies = (await db.ReportHours.AsNoTracking().Where(scope.ReportHours).Where(h => h.Hour >= start && h.Hour < split)
                .GroupBy(h => h.Hour).Select(g => new { Hour = g.Key, Reports = g.Sum(h => h.Reports) }).ToListAsync(ct))
            .Select(h => new ReportTally(h.Hour, h.Reports)).ToList();
        if (split >= end)
            return tallies;

        var patients = db.Patients.Where(scope.Patients).Select(p => p.Id);
        tallies.AddRange((await db.Measurements.AsNoTracking().Where(m => patients.Contains(m.PatientId) && m.ReceivedAt >= split && m.ReceivedAt < end)
            .Select(m => m.ReceivedAt).ToListAsync(ct)).Select(at => new ReportTally(at, 1)));
        tallies.AddRange((await db.QuestionnaireResponses.AsNoTracking().Where(r => patients.Contains(r.PatientId) && r.ReceivedAt >= split && r.ReceivedAt < end)
            .Select(r => r.ReceivedAt).ToListAsync(ct)).Select(at => new ReportTally(at, 1)));
        return tallies;
    }
}
