using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Counts the reports (measurements and questionnaire responses) received in each hour that is over, per follow-up
/// service and municipality of the patient, into <see cref="ReportHour"/> rows, and moves the summary's watermark past
/// them; a week at a time, each in its own transaction, until it reaches the last hour that ended
/// <see cref="Settle"/> ago. Run by <see cref="StatisticsJobs"/> and at the end of the generator. Running it twice, or
/// on two nodes at once, counts nothing twice: the watermark moves only from where this run found it.
/// </summary>
public sealed class SummariseReports(VardeDbContext db, TimeProvider clock)
{
    public const string Summary = "report_hours";

    /// <summary>
    /// How long after an hour ends its reports are counted: a report's time of receipt is set before its transaction
    /// commits, so the last ones of an hour may become visible a little later.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan Step = TimeSpan.FromDays(7);

    /// <summary>Summarises what is due; returns the number of reports counted.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        var until = ReportHour.HourOf(clock.GetUtcNow() - Settle);
        long counted = 0;
        while (true)
        {
            var watermark = await db.SummaryWatermarks.AsNoTracking().SingleOrDefaultAsync(w => w.Name == Summary, ct);
            var from = watermark?.Through ?? await FirstHourAsync(until, ct);
            if (from >= until && watermark is not null)
                return counted;
            var to = from + Step < until ? from + Step : until;
            counted += await SummariseAsync(from, to, isFirst: watermark is null, ct);
            if (to >= until)
                return counted;
        }
    }

    private async Task<long> SummariseAsync(DateTimeOffset from, DateTimeOffset to, bool isFirst, CancellationToken ct)
    {
        var hours = new Dictionary<(DateTimeOffset Hour, Guid Service, Guid Municipality), int>();
        var received = db.Measurements.Where(m => m.ReceivedAt >= from && m.ReceivedAt < to).Select(m => new { m.PatientId, m.ReceivedAt })
            .Concat(db.QuestionnaireResponses.Where(r => r.ReceivedAt >= from && r.ReceivedAt < to).Select(r => new { r.PatientId, r.ReceivedAt }))
            .Join(db.Patients, r => r.PatientId, p => p.Id, (r, p) => new { r.ReceivedAt, p.FollowUpServiceId, p.MunicipalityId })
            .AsNoTracking().AsAsyncEnumerable();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        long counted = 0;
        await foreach (var report in received.WithCancellation(ct))
        {
            var key = (ReportHour.HourOf(report.ReceivedAt), report.FollowUpServiceId, report.MunicipalityId);
            hours[key] = hours.GetValueOrDefault(key) + 1;
            counted++;
        }

        db.ReportHours.AddRange(hours.Select(h => new ReportHour(h.Key.Hour, h.Key.Service, h.Key.Municipality, h.Value)));
        if (isFirst)
            db.SummaryWatermarks.Add(new SummaryWatermark { Name = Summary, Through = to });
        await db.SaveChangesAsync(ct);
        // Only from where this run found it: another node that moved it first makes this run roll back.
        if (!isFirst && await db.SummaryWatermarks.Where(w => w.Name == Summary && w.Through == from).ExecuteUpdateAsync(w => w.SetProperty(x => x.Through, to), ct) != 1)
            throw new DbUpdateConcurrencyException($"The {Summary} summary was moved by someone else.");
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return counted;
    }

    // Where a new summary starts: the hour of the first report received, or (with none yet) the hour it would stop at.
    private async Task<DateTimeOffset> FirstHourAsync(DateTimeOffset until, CancellationToken ct)
    {
        var first = await db.Measurements.MinAsync(m => (DateTimeOffset?)m.ReceivedAt, ct);
        var firstResponse = await db.QuestionnaireResponses.MinAsync(r => (DateTimeOffset?)r.ReceivedAt, ct);
        var earliest = first is null ? firstResponse : firstResponse is null || first < firstResponse ? first : firstResponse;
        return earliest is { } at && ReportHour.HourOf(at) < until ? ReportHour.HourOf(at) : until;
    }
}
