using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Patient = Varde.Domain.Patients.Patient;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Triage;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The fast path for a transaction Bundle whose entries all create Observations (what a device gateway sends). It does
/// what one create at a time does (<see cref="RecordMeasurement"/>: access check and log, validation, idempotency by
/// client id, triage against the plan in force and earlier reports with re-judging of later ones, alert routing,
/// outbox events), but per patient instead of per entry: the patients, their plans, history, active alerts, missed
/// reports and already stored client ids are each read in one query for the whole bundle, each patient's new readings
/// are judged together in time order, and everything is saved at once. The first failing entry fails the bundle, as
/// before. ADR 0015 has the measurements that led here.
/// </summary>
public sealed class ObservationBatch(VardeDbContext db, PatientAccessGate gate, PatientLocks locks, TimeProvider clock, VardeMetrics metrics)
{

    /// <summary>One entry's outcome: the stored Observation and 201 or 200 (a resend), or the refusal that fails the bundle.</summary>
    public sealed record EntryResult(int Index, FhirResult Result);

    /// <summary>Whether the bundle can take this path: only Observation creates, without If-None-Exist or urn:uuid device references.</summary>
    public static bool Fits(Bundle bundle) =>
        bundle.Type == Bundle.BundleType.Transaction && bundle.Entry.Count > 0 && bundle.Entry.All(e =>
            e.Resource is Observation o && e.Request?.IfNoneExist is null
            && !(o.Device?.Reference?.StartsWith("urn:uuid:", StringComparison.Ordinal) ?? false));

    /// <summary>Stores the bundle's Observations inside the caller's transaction; returns each entry's result, or the first refusal.</summary>
    public async Task<(IReadOnlyList<EntryResult>? Stored, EntryResult? Refused)> StoreAsync(Bundle bundle, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        var entries = new List<(int Index, Guid PatientId, RecordMeasurement.Request Request, MeasurementType Type)>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var incoming = ObservationMapping.FromFhir((Observation)bundle.Entry[i].Resource!);
            if (incoming.Problem is not null)
                return (null, new(i, FhirOutcome.Unprocessable(incoming.Problem)));
            if (incoming.Subject?.Reference is not { } reference || FhirSubjects.ParsePatientReference(reference) is not { } patientId)
                return (null, new(i, FhirOutcome.Unprocessable("In a bundle, Observation.subject must reference Patient/{id}.")));
            if (MeasurementTypes.Parse(incoming.Request!.Type) is not { } type)
                return (null, new(i, FhirOutcome.Unprocessable($"Unknown measurement type '{incoming.Request.Type}'.")));
            entries.Add((i, patientId, incoming.Request, type));
        }

        var patientIds = entries.Select(e => e.PatientId).Distinct().Order().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var allowed = patientIds.Where(id => patients.TryGetValue(id, out var p) && PatientAccessRule.Allows(caller, p.CareRelations)).ToHashSet();
        await gate.LogAsync(caller, allowed, "measurement.record", AccessOutcome.Allowed, ct);
        if (entries.FirstOrDefault(e => !allowed.Contains(e.PatientId)) is { Request: not null } hidden)
        {
            await gate.LogAsync(caller, [hidden.PatientId], "measurement.record", AccessOutcome.Denied, ct);
            metrics.AccessDenied();
            return (null, new(hidden.Index, FhirOutcome.FromRefusal(PatientProblems.NotFound(hidden.PatientId))));
        }

        var deviceIds = entries.Where(e => e.Request.DeviceId is not null).Select(e => e.Request.DeviceId!.Value).Distinct().ToList();
        var devices = await db.MeasuringDevices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.OrganisationId, ct);
        if (entries.FirstOrDefault(e => e.Request.DeviceId is { } d && devices.GetValueOrDefault(d) != patients[e.PatientId].FollowUpServiceId) is { Request: not null } badDevice)
            return (null, new(badDevice.Index, FhirOutcome.Unprocessable($"No device {badDevice.Request.DeviceId} is registered for the patient's follow-up service.")));

        using var held = await locks.AcquireManyAsync(patientIds, ct);
        return await StoreLockedAsync(entries, patients, caller, now, ct);
    }

    private async Task<(IReadOnlyList<EntryResult>?, EntryResult?)> StoreLockedAsync(
        List<(int Index, Guid PatientId, RecordMeasurement.Request Request, MeasurementType Type)> entries, Dictionary<Guid, Patient> patients, Caller caller,
        DateTimeOffset now, CancellationToken ct)
    {
        var ids = patients.Keys.ToList();
        var plans = (await db.PlanVersions.AsNoTracking().Where(v => ids.Contains(v.PatientId)).ToListAsync(ct))
            .GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => (IReadOnlyList<PlanVersion>)[.. g.OrderBy(v => v.Number)]);
        var notBefore = patients.ToDictionary(p => p.Key, p => ReportIntake.NotBefore(p.Value, plans.GetValueOrDefault(p.Key) ?? [], now));

        // Shape and validate every reading before anything is read for triage.
        var shaped = new List<(int Index, Guid PatientId, MeasurementInput Input, Measurement Shape)>();
        foreach (var (index, patientId, r, type) in entries)
        {
            var input = new MeasurementInput(r.ClientId, type, r.Value, r.Systolic, r.Diastolic, r.Unit, r.EffectiveAt, r.DeviceId, r.PatientConfirmed ?? false);
            var shape = Measurement.Record(Guid.CreateVersion7(now), patientId, input, caller.ActorId, now, _ => TriageResult.NotYetJudged, notBefore[patientId]);
            if (!shape.IsValid)
                return (null, new(index, FhirOutcome.Unprocessable(shape.Errors)));
            shaped.Add((index, patientId, input, shape.Value));
        }

        var clientIds = shaped.Select(s => s.Shape.ClientId).Distinct().ToList();
        var existing = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.PatientId) && clientIds.Contains(m.ClientId))
            .ToDictionaryAsync(m => (m.PatientId, m.ClientId), ct);
        var windows = shaped.GroupBy(s => s.PatientId).ToDictionary(g => g.Key, g =>
        {
            var own = plans.GetValueOrDefault(g.Key) ?? [];
            return new PatientReports.Window(g.Min(s => s.Shape.EffectiveAt) - PlanInForce.Lookback(own),
                PlanInForce.CrossesSubjects(own) ? null : g.Select(s => TriageReport.SubjectOf(s.Shape.Type)).ToHashSet(StringComparer.Ordinal));
        });
        var history = await PatientReports.LoadManyAsync(db, windows, ct);
        var active = (await db.Alerts.Where(a => ids.Contains(a.PatientId) && (a.State == AlertState.Open || a.State == AlertState.Acknowledged)).ToListAsync(ct))
            .ToLookup(a => a.PatientId);
        var missed = (await db.MissedReports.Where(m => ids.Contains(m.PatientId) && m.FulfilledAt == null).ToListAsync(ct)).ToLookup(m => m.PatientId);

        var results = new List<EntryResult>();
        foreach (var group in shaped.GroupBy(s => s.PatientId))
        {
            var patient = patients[group.Key];
            var patientPlans = plans.GetValueOrDefault(group.Key) ?? [];
            var fresh = new List<(int Index, MeasurementInput Input, Measurement Shape)>();
            var resentInBundle = new List<(int Index, int FirstIndex)>();
            foreach (var s in group)
            {
                var stored = existing.GetValueOrDefault((group.Key, s.Shape.ClientId));
                var first = fresh.FirstOrDefault(f => f.Shape.ClientId == s.Shape.ClientId);
                var earlier = stored ?? first.Shape;
                if (earlier is null)
                {
                    fresh.Add((s.Index, s.Input, s.Shape));
                    continue;
                }

                if (!earlier.IsSameReadingAs(s.Shape))
                    return (null, new(s.Index, FhirOutcome.FromRefusal(PatientProblems.Conflict("client-id-reused", "The client id is already used for another reading",
                        $"Client id '{s.Shape.ClientId}' was already used for a different reading of this patient; use a new client id for a new reading."))));
                if (stored is not null)
                    results.Add(new(s.Index, new FhirResult(ObservationMapping.ToFhir(stored), StatusCodes.Status200OK)));
                else
                    resentInBundle.Add((s.Index, first.Index));
            }

            if (fresh.Count == 0)
                continue;
            var created = Judge(patient, patientPlans, fresh, history.GetValueOrDefault(group.Key) ?? [], active[group.Key], missed[group.Key], caller, now);
            results.AddRange(created);
            // A reading sent twice in one bundle is stored once; the second entry answers as a resend of the first.
            results.AddRange(resentInBundle.Select(r => new EntryResult(r.Index,
                new FhirResult(created.Single(c => c.Index == r.FirstIndex).Result.Resource, StatusCodes.Status200OK))));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (results, null);
    }

    // Judges a patient's new readings together with the stored reports around them (PatientIntake, the core every
    // report goes through), and stages the measurements, triage records, alert changes and outbox events.
    private List<EntryResult> Judge(Patient patient, IReadOnlyList<PlanVersion> plans, List<(int Index, MeasurementInput Input, Measurement Shape)> fresh,
        IReadOnlyList<PatientIntake.Stored> stored, IEnumerable<Alert> activeAlerts, IEnumerable<MissedReport> openMissed, Caller caller, DateTimeOffset now)
    {
        var book = new AlertBook(patient.Id, patient.FollowUpServiceId, activeAlerts, () => Guid.CreateVersion7(now));
        var taken = PatientIntake.Take(patient.Id, plans, stored, fresh.Select(f => TriageReport.Of(f.Shape)).ToList(), book, openMissed, now);
        db.TriageRecords.AddRange(taken.Added);
        db.TriageRecords.UpdateRange(taken.Rejudged);
        var resultById = taken.Added.ToDictionary(r => r.ReportId, r => r.Result);
        foreach (var record in taken.Added)
        {
            metrics.MeasurementRecorded(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(record.Outcome.ToString()));
            Outbox.ReportReceived(db, patient.FollowUpServiceId, record, now);
        }

        PatientAlerts.Stage(db, book, now);
        var answers = new List<EntryResult>();
        foreach (var f in fresh)
        {
            var measurement = Measurement.Record(f.Shape.Id, patient.Id, f.Input, caller.ActorId, now, r => resultById[r.Id],
                ReportIntake.NotBefore(patient, plans, now)).Value;
            db.Measurements.Add(measurement);
            answers.Add(new(f.Index, new FhirResult(ObservationMapping.ToFhir(measurement), StatusCodes.Status201Created, null)));
        }

        return answers;
    }
}
