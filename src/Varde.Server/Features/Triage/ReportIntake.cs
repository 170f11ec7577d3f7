using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Takes a new report into a patient's record, in three steps the caller drives while holding the patient's lock:
/// <see cref="LoadAsync"/> reads the plans and the reports around the new one; <see cref="Judgement.Judge"/> judges it
/// against the plan in force when it was measured and the reports before it, and judges again the reports after it
/// (a late reading changes them as if it had come in time); <see cref="CommitAsync"/> routes every new or changed
/// result into alerts, settles missed-report and check-measurement alerts, and saves the report, results, alerts and
/// outbox events in one transaction.
/// </summary>
public sealed class ReportIntake(VardeDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Reads the plans and the reports the new report's triage needs (of its own subject only, when no rule crosses
    /// subjects), around the time the report claims, or around now when that time cannot be trusted (<see cref="ReportTime"/>).
    /// </summary>
    public async Task<Judgement> LoadAsync(Patient patient, DateTimeOffset claimedAt, string subject, CancellationToken ct)
    {
        var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patient.Id).OrderBy(v => v.Number).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var notBefore = NotBefore(patient, plans, now);
        var effectiveAt = ReportTime.Trust(claimedAt, now, notBefore).EffectiveAt;
        var window = new PatientReports.Window(effectiveAt - PlanInForce.Lookback(plans),
            PlanInForce.CrossesSubjects(plans) ? null : new HashSet<string>(StringComparer.Ordinal) { subject });
        var stored = await PatientReports.LoadAsync(db, patient.Id, window, ct);
        return new Judgement(patient, plans, stored, notBefore);
    }

    /// <summary>The earliest time a report of this patient may claim: enrolment less a day, and the newest plan's maximum age.</summary>
    public static DateTimeOffset NotBefore(Patient patient, IReadOnlyList<PlanVersion> plans, DateTimeOffset now) =>
        ReportTime.NotBefore(patient.EnrolledAt, now, PlanInForce.Newest(plans)?.Rules.MaxReportAgeDays ?? ReportTime.DefaultMaxAgeDays);

    /// <summary>Saves the judged report's record (its current result and alert) and everything it changed; returns the record.</summary>
    public async Task<TriageRecord> CommitAsync(Judgement judgement, CancellationToken ct)
    {
        var (report, ordered, results, from) = judgement.Judged ?? throw new InvalidOperationException("Judge the report first.");
        var patient = judgement.Patient;
        var now = clock.GetUtcNow();
        var book = await PatientAlerts.OpenBookAsync(db, patient.Id, patient.FollowUpServiceId, now, ct);

        var record = TriageRecord.For(report, patient.Id, results[0], now);
        db.TriageRecords.Add(record);
        book.Route(record, now);
        var records = judgement.Stored.ToDictionary(s => s.Report.Id, s => s.Record);
        for (var i = from + 1; i < ordered.Count; i++)
        {
            var later = records[ordered[i].Id];
            if (!later.Differs(results[i - from]))
                continue;
            later.Reevaluated(results[i - from], now);
            db.TriageRecords.Update(later);
            book.Route(later, now);
        }

        book.ResolveSettledChecks(ordered.Select(r => r.Id == report.Id ? record : records[r.Id]), now);
        await SettleMissedReportsAsync(book, patient.Id, record, now, ct);
        PatientAlerts.Stage(db, book, now);
        Outbox.ReportReceived(db, patient.FollowUpServiceId, record, now);
        await db.SaveChangesAsync(ct);
        // A report is its own unit of work: once saved, nothing it tracked is needed again. A FHIR bundle runs many
        // reports through one context, and every save would otherwise scan all earlier reports' entities again.
        db.ChangeTracker.Clear();
        return record;
    }

    private async Task SettleMissedReportsAsync(AlertBook book, Guid patientId, TriageRecord record, DateTimeOffset now, CancellationToken ct)
    {
        var missed = await db.MissedReports
            .Where(m => m.PatientId == patientId && m.ItemKey == record.Subject && m.FulfilledAt == null
                        && m.Opens <= record.EffectiveAt && m.Deadline >= record.EffectiveAt)
            .ToListAsync(ct);
        foreach (var m in missed)
            book.Fulfilled(m, now);
    }

    /// <summary>The plans and stored reports around a new report, and once judged, the results from it on.</summary>
    public sealed class Judgement(Patient patient, IReadOnlyList<PlanVersion> plans, IReadOnlyList<PatientReports.Stored> stored, DateTimeOffset notBefore)
    {
        public Patient Patient => patient;

        /// <summary>A report timed before this is judged as received (<see cref="ReportTime"/>).</summary>
        public DateTimeOffset NotBefore => notBefore;

        public IReadOnlyList<PatientReports.Stored> Stored => stored;

        public (TriageReport Report, List<TriageReport> Ordered, List<TriageResult> Results, int From)? Judged { get; private set; }

        /// <summary>The plan in force when the report was measured.</summary>
        public PlanVersion? PlanAt(DateTimeOffset effectiveAt) => PlanInForce.At(plans, effectiveAt);

        /// <summary>Judges the new report and every stored report after it; returns the new report's result.</summary>
        public TriageResult Judge(TriageReport report)
        {
            var ordered = stored.Select(s => s.Report).Append(report).ToList();
            ordered.Sort(TriageReport.CompareByEffectiveTime);
            var byId = stored.ToDictionary(s => s.Report.Id, s => s.Record.Result);
            var from = ordered.FindIndex(r => r.Id == report.Id);
            var results = TriageSequence.Evaluate(ordered, ordered.Select(r => byId.GetValueOrDefault(r.Id)).ToList(), from, plans);
            Judged = (report, ordered, results, from);
            return results[0];
        }
    }
}
