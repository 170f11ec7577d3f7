using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Takes a new report into a patient's record, in three steps the caller drives while holding the patient's lock:
/// <see cref="LoadAsync"/> reads the plans, the reports around the new one, the active alerts and the open
/// missed-report items; <see cref="Judgement.Judge"/> runs the pure core (<see cref="PatientIntake"/>): it judges the
/// report against the plan in force when it was measured and the reports before it, judges again the reports after it
/// (a late reading changes them as if it had come in time), and routes every new or changed result into alerts;
/// <see cref="CommitAsync"/> saves the report's record, the changed records, the alerts and outbox events in one
/// transaction.
/// </summary>
public sealed class ReportIntake(VardeDbContext db)
{
    /// <summary>
    /// Reads what the new report's triage needs (reports of its own subject only, when no rule crosses subjects),
    /// around the time the report claims, or around now when that time cannot be trusted (<see cref="ReportTime"/>).
    /// </summary>
    /// <remarks><paramref name="now"/> is the report's received time, so the trust decided here is the one the report is recorded with.</remarks>
    public async Task<Judgement> LoadAsync(Patient patient, DateTimeOffset claimedAt, string subject, DateTimeOffset now, CancellationToken ct)
    {
        var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patient.Id).OrderBy(v => v.Number).ToListAsync(ct);
        var notBefore = NotBefore(patient, plans, now);
        // In UTC at stored precision, as the report is recorded (PostgreSQL takes only UTC parameters).
        var effectiveAt = ReportTime.Trust(Measurement.ToStoredPrecision(claimedAt), Measurement.ToStoredPrecision(now), notBefore).EffectiveAt;
        var window = new PatientReports.Window(effectiveAt - PlanInForce.Lookback(plans),
            PlanInForce.CrossesSubjects(plans) ? null : new HashSet<string>(StringComparer.Ordinal) { subject });
        var stored = await PatientReports.LoadAsync(db, patient.Id, window, ct);
        var book = await PatientAlerts.OpenBookAsync(db, patient.Id, patient.FollowUpServiceId, now, ct);
        var missed = await db.MissedReports.Where(m => m.PatientId == patient.Id && m.ItemKey == subject && m.FulfilledAt == null).ToListAsync(ct);
        return new Judgement(patient, plans, stored, book, missed, notBefore, now);
    }

    /// <summary>The earliest time a report of this patient may claim: enrolment less a day, and the newest plan's maximum age.</summary>
    public static DateTimeOffset NotBefore(Patient patient, IReadOnlyList<PlanVersion> plans, DateTimeOffset now) =>
        ReportTime.NotBefore(patient.EnrolledAt, now, PlanInForce.Newest(plans)?.Rules.MaxReportAgeDays ?? ReportTime.DefaultMaxAgeDays);

    /// <summary>Saves the judged report's record (its current result and alert) and everything it changed; returns the record.</summary>
    public async Task<TriageRecord> CommitAsync(Judgement judgement, CancellationToken ct)
    {
        var taken = judgement.Taken ?? throw new InvalidOperationException("Judge the report first.");
        var patient = judgement.Patient;
        var now = judgement.Now;
        var record = taken.Added[0];
        db.TriageRecords.Add(record);
        db.TriageRecords.UpdateRange(taken.Rejudged);
        PatientAlerts.Stage(db, judgement.Book, now);
        Outbox.ReportReceived(db, patient.FollowUpServiceId, record, now);
        await db.SaveChangesAsync(ct);
        // A report is its own unit of work: once saved, nothing it tracked is needed again.
        db.ChangeTracker.Clear();
        return record;
    }

    /// <summary>What a new report is judged with, and once judged (<see cref="Judge"/>), what it changed.</summary>
    public sealed class Judgement(Patient patient, IReadOnlyList<PlanVersion> plans, IReadOnlyList<PatientIntake.Stored> stored, AlertBook book,
        IReadOnlyList<MissedReport> openMissed, DateTimeOffset notBefore, DateTimeOffset now)
    {
        public Patient Patient => patient;

        public AlertBook Book => book;

        public DateTimeOffset Now => now;

        /// <summary>A report timed before this is judged as received (<see cref="ReportTime"/>).</summary>
        public DateTimeOffset NotBefore => notBefore;

        public PatientIntake.Taken? Taken { get; private set; }

        /// <summary>The plan in force when the report was measured.</summary>
        public PlanVersion? PlanAt(DateTimeOffset effectiveAt) => PlanInForce.At(plans, effectiveAt);

        /// <summary>Judges the new report and every stored report after it, and routes them into alerts; returns the new report's result.</summary>
        public TriageResult Judge(TriageReport report)
        {
            Taken = PatientIntake.Take(patient.Id, plans, stored, [report], book, openMissed, now);
            return Taken.Added[0].Result;
        }
    }
}
