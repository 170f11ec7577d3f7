using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The summary of reports by hour (<see cref="ReportHour"/>, ADR 0054): <see cref="RunAsync"/> counts the reports
/// (measurements and questionnaire responses) received in each hour that ended <see cref="Settle"/> ago, per follow-up
/// service and municipality of the patient, and moves the watermark past them, a week per transaction;
/// <see cref="MovePatientAsync"/> moves a patient's summarised hours with them when they change service, so the summary
/// always counts a patient where they are now, as every other work figure does. Running it twice, or on two nodes at
/// once, counts nothing twice: the watermark moves only from where (and at the version) the run found it.
/// </summary>
public sealed class SummariseReports(VardeDbContext db, TimeProvider clock)
{
    public const string Summary = "report_hours";

    /// <summary>
    /// How long after an hour ends its reports are counted: a report's time of receipt is set (by the receiving node's
    /// clock) before its transaction commits, within seconds. A report committed later than this would be missed.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan Step = TimeSpan.FromDays(7);

    /// <summary>Summarises what is due; returns the number of reports counted.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        var until = ReportHour.HourOf(clock.GetUtcNow() - Settle);
        if (await db.SummaryWatermarks.AsNoTracking().AnyAsync(w => w.Name == Summary, ct) is false)
        {
            // A new summary starts empty at the first report's hour (a unique key: two nodes cannot both start it).
            db.SummaryWatermarks.Add(new SummaryWatermark { Name = Summary, Through = await FirstHourAsync(until, ct) });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        long counted = 0;
        while (await db.SummaryWatermarks.AsNoTracking().SingleAsync(w => w.Name == Summary, ct) is { } watermark && watermark.Through < until)
        {
            var to = watermark.Through + Step < until ? watermark.Through + Step : until;
            counted += await SummariseAsync(watermark, to, ct);
        }

        return counted;
    }

    /// <summary>
    /// Counts everything again from the reports. For the generator, which writes reports with past times of receipt: the
    /// job counts only hours after its watermark, so reports received before it, written later, would never be counted.
    /// </summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.ReportHours.ExecuteDeleteAsync(ct);
            await db.SummaryWatermarks.Where(w => w.Name == Summary).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return await RunAsync(ct);
    }

    /// <summary>
    /// A patient moved from one service or municipality to another: their hours already summarised are taken from the old
    /// and counted in the new, in the caller's transaction (which must be open). Nothing to do before the first summary.
    /// </summary>
    public static async Task MovePatientAsync(VardeDbContext db, Guid patientId, (Guid Service, Guid Municipality) from, (Guid Service, Guid Municipality) to,
        CancellationToken ct)
    {
        if (from == to)
            return;
        // Moving the version first locks the watermark until the caller commits: a job run that read the patient's old
        // service then finds another version and rolls back; one that committed first is in the hours read below.
        if (await db.SummaryWatermarks.Where(w => w.Name == Summary).ExecuteUpdateAsync(w => w.SetProperty(x => x.Version, x => x.Version + 1), ct) == 0)
            return;
        var through = await db.SummaryWatermarks.Where(w => w.Name == Summary).Select(w => w.Through).SingleAsync(ct);
        var hours = (await db.Measurements.Where(m => m.PatientId == patientId && m.ReceivedAt < through).Select(m => m.ReceivedAt)
                .Concat(db.QuestionnaireResponses.Where(r => r.PatientId == patientId && r.ReceivedAt < through).Select(r => r.ReceivedAt))
                .ToListAsync(ct))
            .CountBy(ReportHour.HourOf).ToList();
        if (hours.Count == 0)
            return;
        var first = hours.Min(h => h.Key);
        var rows = await db.ReportHours.Where(h => h.Hour >= first && h.Hour < through
                && ((h.FollowUpServiceId == from.Service && h.MunicipalityId == from.Municipality) || (h.FollowUpServiceId == to.Service && h.MunicipalityId == to.Municipality)))
            .ToDictionaryAsync(h => (h.Hour, h.FollowUpServiceId, h.MunicipalityId), ct);
        foreach (var (hour, reports) in hours)
        {
            // The old hour holds them (it was counted with the patient there); never below none, should it not.
            if (rows.GetValueOrDefault((hour, from.Service, from.Municipality)) is { } old)
            {
                old.Count(-Math.Min(reports, old.Reports));
                if (old.Reports == 0)
                    db.ReportHours.Remove(old);
            }

            if (rows.GetValueOrDefault((hour, to.Service, to.Municipality)) is { } moved)
                moved.Count(reports);
            else
                db.ReportHours.Add(new ReportHour(hour, to.Service, to.Municipality, reports));
        }
    }

    private async Task<long> SummariseAsync(SummaryWatermark watermark, DateTimeOffset to, CancellationToken ct)
    {
        var from = watermark.Through;
        // Read before the transaction: on SQLite a write transaction holds off every writer while it lasts.
        var hours = new Dictionary<(DateTimeOffset Hour, Guid Service, Guid Municipality), int>();
        long counted = 0;
        await foreach (var report in db.Measurements.Where(m => m.ReceivedAt >= from && m.ReceivedAt < to).Select(m => new { m.PatientId, m.ReceivedAt })
                           .Concat(db.QuestionnaireResponses.Where(r => r.ReceivedAt >= from && r.ReceivedAt < to).Select(r => new { r.PatientId, r.ReceivedAt }))
                           .Join(db.Patients, r => r.PatientId, p => p.Id, (r, p) => new { r.ReceivedAt, p.FollowUpServiceId, p.MunicipalityId })
                           .AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (ReportHour.HourOf(report.ReceivedAt), report.FollowUpServiceId, report.MunicipalityId);
            hours[key] = hours.GetValueOrDefault(key) + 1;
            counted++;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ReportHours.AddRange(hours.Select(h => new ReportHour(h.Key.Hour, h.Key.Service, h.Key.Municipality, h.Value)));
        await db.SaveChangesAsync(ct);
        // Only from where, and at the version, this run found it: another node, or a patient who moved meanwhile, makes it roll back.
        if (await db.SummaryWatermarks.Where(w => w.Name == Summary && w.Through == from && w.Version == watermark.Version)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.Through, to), ct) != 1)
            throw new DbUpdateConcurrencyException($"The {Summary} summary was changed by someone else while it was counted; it is counted again.");
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
