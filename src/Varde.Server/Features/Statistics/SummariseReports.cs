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
        long counted = 0;
        while (true)
        {
            var watermark = await db.SummaryWatermarks.AsNoTracking().SingleAsync(w => w.Name == Summary, ct);
            // Not started: it starts, empty, at the first report's hour (moved like any step, at the version found).
            var from = watermark.Through ?? await FirstHourAsync(until, ct);
            if (watermark.Through is not null && from >= until)
                return counted;
            var to = from + Step < until ? from + Step : until;
            counted += await SummariseAsync(watermark, from, to, ct);
            if (to >= until)
                return counted;
        }
    }

    /// <summary>
    /// Counts everything again from the reports. For the generator, which writes reports with past times of receipt: the
    /// job counts only hours after its watermark, so reports received before it, written later, would never be counted.
    /// </summary>
    public async Task<long> RebuildAsync(CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SummaryWatermarks.Where(w => w.Name == Summary)
                .ExecuteUpdateAsync(w => w.SetProperty(x => x.Through, (DateTimeOffset?)null).SetProperty(x => x.Version, x => x.Version + 1), ct);
            await db.ReportHours.ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return await RunAsync(ct);
    }

    /// <summary>
    /// A patient moves from one service or municipality to another: their hours already summarised are taken from the
    /// old and counted in the new, in the caller's transaction (which must be open). Returns false, moving nothing, when
    /// the patient is no longer where the caller thinks (moved by someone else meanwhile): the caller's answer is stale.
    /// </summary>
    public static async Task<bool> MovePatientAsync(VardeDbContext db, Guid patientId, (Guid Service, Guid Municipality) from, (Guid Service, Guid Municipality) to,
        CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Moving a patient's summarised hours needs the caller's transaction.");
        // Moving the version first locks the watermark until the caller commits: a job run that read the patient's old
        // service then finds another version and rolls back; one that committed first is in the hours read below; a
        // second transfer of the same patient waits here, and then finds the patient moved.
        await db.SummaryWatermarks.Where(w => w.Name == Summary).ExecuteUpdateAsync(w => w.SetProperty(x => x.Version, x => x.Version + 1), ct);
        var stored = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.FollowUpServiceId, p.MunicipalityId }).SingleAsync(ct);
        if ((stored.FollowUpServiceId, stored.MunicipalityId) != from)
            return false;
        if (from == to || await db.SummaryWatermarks.Where(w => w.Name == Summary).Select(w => w.Through).SingleAsync(ct) is not { } through)
            return true;
        var hours = (await db.Measurements.Where(m => m.PatientId == patientId && m.ReceivedAt < through).Select(m => m.ReceivedAt)
                .Concat(db.QuestionnaireResponses.Where(r => r.PatientId == patientId && r.ReceivedAt < through).Select(r => r.ReceivedAt))
                .ToListAsync(ct))
            .CountBy(ReportHour.HourOf).ToDictionary();
        if (hours.Count == 0)
            return true;
        var first = hours.Keys.Min();
        var rows = (await db.ReportHours.Where(h => h.Hour >= first && h.Hour < through
                    && ((h.FollowUpServiceId == from.Service && h.MunicipalityId == from.Municipality) || (h.FollowUpServiceId == to.Service && h.MunicipalityId == to.Municipality)))
                .ToListAsync(ct))
            .Where(h => hours.ContainsKey(h.Hour))
            .ToDictionary(h => (h.Hour, h.FollowUpServiceId, h.MunicipalityId));
        foreach (var (hour, reports) in hours)
        {
            // Only what the old hour holds moves (a report committed after its hour was counted is in neither).
            if (rows.GetValueOrDefault((hour, from.Service, from.Municipality)) is not { } old)
                continue;
            var taken = Math.Min(reports, old.Reports);
            old.Count(-taken);
            if (old.Reports == 0)
                db.ReportHours.Remove(old);
            if (rows.GetValueOrDefault((hour, to.Service, to.Municipality)) is { } moved)
                moved.Count(taken);
            else
                db.ReportHours.Add(new ReportHour(hour, to.Service, to.Municipality, taken));
        }

        return true;
    }

    private async Task<long> SummariseAsync(SummaryWatermark watermark, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
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
        if (await db.SummaryWatermarks.Where(w => w.Name == Summary && w.Through == watermark.Through && w.Version == watermark.Version)
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
