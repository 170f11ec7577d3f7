using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Triage;

/// <summary>
/// The one way a report enters Varde, from every door and for one report or a thousand (ADR 0017):
/// <list type="number">
/// <item>access: the caller must be allowed to see each report's patient (a denied attempt is logged on its own and answered as not found);</item>
/// <item>shape: each report is checked without the database (<see cref="IncomingReport.Shape"/>);</item>
/// <item>hold: the patients are held (<see cref="PatientLocks.HoldAsync"/>, in this process and in the database) and one transaction is opened;</item>
/// <item>in that transaction: Devices the request creates first, device ownership, resends by client id (answered with
/// the stored report, before anything is read for triage), then each patient's new reports judged together by the pure
/// core (<see cref="PatientIntake"/>) with the stored reports around them, alerts and missed-report items, outbox events,
/// and one access-log entry per patient and action, saved through EF; the new readings and their triage records with
/// them when they are few, else written set-based after them (<see cref="BulkWriter"/>: binary COPY on PostgreSQL, ADR 0037);</item>
/// <item>commit, then the patients are let go (a report for the same patient waiting meanwhile is judged with these),
/// and the live screens are nudged (<see cref="Live.OutboxNudge"/>, after the commit).</item>
/// </list>
/// <see cref="IntakeMode.AllOrNothing"/> stores nothing if any report is refused; <see cref="IntakeMode.EachOnItsOwn"/>
/// stores the others. Only the HTTP and FHIR edges turn the outcomes into answers.
/// </summary>
public sealed partial class ReportIntake(VardeDbContext db, PatientAccessGate gate, PatientLocks locks, IntakeWriters writers, TimeProvider clock,
    VardeMetrics metrics, Gateways.GatewayActivity gatewayActivity, StoredQuestionnaires stored, ILogger<ReportIntake> logger)
{
    /// <summary>Creates the Devices a request carries, inside the intake's transaction; returns their ids by bundle-local name, or null to store nothing.</summary>
    public delegate Task<IReadOnlyDictionary<string, Guid>?> DevicesFirst(CancellationToken ct);

    /// <summary>
    /// Takes in the reports; returns one outcome per report, in the order given. A request without Devices to create
    /// first is taken in by the writers (<see cref="IntakeWriters"/>) together with the other requests waiting there, in
    /// one transaction.
    /// </summary>
    public async Task<IReadOnlyList<IntakeOutcome>> TakeInAsync(IReadOnlyList<IncomingReport> reports, Caller caller, IntakeMode mode, CancellationToken ct,
        DevicesFirst? devicesFirst = null)
    {
        var request = new IntakeRequest(reports, caller, mode, gate.CurrentRequest());
        return devicesFirst is null && writers.Enabled
            ? await writers.TakeInAsync(request, ct)
            : (await TakeInHereAsync([request], devicesFirst, ct))[0];
    }

    /// <summary>
    /// Several requests taken in together (a writer's group): one transaction and one commit, the answers of each request
    /// its own. When an all-or-nothing request is refused while the patients are held, each request is taken in alone,
    /// so one request's refusal is never another's.
    /// </summary>
    public Task<IReadOnlyList<IntakeOutcome>[]> TakeInTogetherAsync(IReadOnlyList<IntakeRequest> requests, CancellationToken ct) =>
        TakeInHereAsync(requests, null, ct);

    // What became of each report is also counted for its gateway, in memory (ADR 0024): nothing more is written here.
    private async Task<IReadOnlyList<IntakeOutcome>[]> TakeInHereAsync(IReadOnlyList<IntakeRequest> requests, DevicesFirst? devicesFirst, CancellationToken ct)
    {
        var outcomes = await TakeInOnceAsync(requests, devicesFirst, ct);
        for (var r = 0; r < requests.Count; r++)
            gatewayActivity.Took([.. requests[r].Reports.Select(_ => requests[r].Caller)], outcomes[r]);
        return outcomes;
    }

    // The outcomes of each request: checked together, stored together, and stored one request at a time when one of
    // several all-or-nothing requests is refused while the patients are held.
    private async Task<IReadOnlyList<IntakeOutcome>[]> TakeInOnceAsync(IReadOnlyList<IntakeRequest> requests, DevicesFirst? devicesFirst, CancellationToken ct)
    {
        try
        {
            var taking = new Taking(requests);
            var incoming = taking.Incoming;
            var callers = taking.Callers;
            var checkedAt = clock.GetUtcNow();
            var questionnaires = await stored.CatalogueWithAsync(incoming.OfType<IncomingResponse>().Select(r => (r.Request.Questionnaire, r.Request.QuestionnaireVersion)), ct);
            var refused = new IntakeOutcome?[incoming.Length];
            var patients = await AllowedPatientsAsync(incoming, callers, taking.AuditedRequests, refused, ct);
            var ids = new Guid[incoming.Length];
            for (var i = 0; i < incoming.Length; i++)
            {
                if (refused[i] is not null)
                    continue;
                ids[i] = Guid.CreateVersion7(checkedAt);
                var shape = incoming[i].Shape(ids[i], callers[i].ActorId, checkedAt, questionnaires);
                if (!shape.IsValid)
                    refused[i] = new IntakeOutcome.Refused(Refusal.Invalid, shape.Errors);
                else if (incoming[i] is IncomingMeasurement { DeviceName: { } name } && devicesFirst is null)
                    refused[i] = new IntakeOutcome.Refused(Refusal.Invalid, [new("device",
                        $"Observation.device refers to {name}; a urn:uuid names a Device entry of the same bundle. Register the device (POST /fhir/Device) and refer to Device/{{id}}.")]);
            }

            // A request refused before anything is held is answered; the others go on without it.
            taking.LeaveOutStopped(refused);
            if (refused.All(o => o is not null))
                return taking.Finish(refused);
            if (await StoreAsync(taking, incoming, ids, patients, refused, devicesFirst, questionnaires, ct) is { } outcomes)
                return taking.Finish(outcomes);

            // An all-or-nothing request of several was refused while they were held: each one alone, from what was checked.
            var alone = (IntakeOutcome?[])refused.Clone();
            for (var r = 0; r < requests.Count; r++)
            {
                var (start, end) = taking.RangeOf(r);
                if (refused[start..end].All(o => o is not null))
                    continue;
                db.ChangeTracker.Clear();
                var one = await StoreAsync(new Taking([requests[r]]), incoming[start..end], ids[start..end], patients, refused[start..end], null, questionnaires, ct);
                Array.Copy(one!, 0, alone, start, end - start);
            }

            return taking.Finish(alone);
        }
        finally
        {
            // A request is its own unit of work: nothing it tracked (also when it rolled back) is needed again.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The earliest time a report of this patient may claim: enrolment less a day, and the newest plan's maximum age.</summary>
    public static DateTimeOffset NotBefore(Patient patient, IReadOnlyList<PlanVersion> plans, DateTimeOffset now) =>
        ReportTime.NotBefore(patient.EnrolledAt, now, PlanInForce.Newest(plans)?.Rules.MaxReportAgeDays ?? ReportTime.DefaultMaxAgeDays);

    // Stores, and again from what is stored now when someone without these patients' hold changed an alert they join (a
    // nurse acknowledging it), or another process on SQLite stored one of these client ids. The outcomes given are not changed.
    private async Task<IntakeOutcome?[]?> StoreAsync(Taking requests, IncomingReport[] incoming, Guid[] ids, Dictionary<Guid, Patient> patients,
        IntakeOutcome?[] refused, DevicesFirst? devicesFirst, QuestionnaireCatalogue questionnaires, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StoreOnceAsync(requests, [.. incoming], ids, patients, (IntakeOutcome?[])refused.Clone(), devicesFirst, questionnaires, ct);
            }
            catch (DbUpdateException e) when (attempt < 3 && (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e)))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    // Holds the patients, and in one transaction: devices, resends, judging, the access log; commits. Returns null when
    // an all-or-nothing request of several is refused here: nothing is stored, and the requests are taken in one at a time.
    private async Task<IntakeOutcome?[]?> StoreOnceAsync(Taking requests, IncomingReport[] incoming, Guid[] ids, Dictionary<Guid, Patient> patients,
        IntakeOutcome?[] outcomes, DevicesFirst? devicesFirst, QuestionnaireCatalogue questionnaires, CancellationToken ct)
    {
        var callers = requests.Callers;
        var taking = Enumerable.Range(0, incoming.Length).Where(i => outcomes[i] is null).ToList();
        var held = taking.Select(i => incoming[i].PatientId).Distinct().ToList();
        var asked = clock.GetTimestamp();
        await using var hold = await locks.HoldAsync(db, held, ct);
        var holding = clock.GetTimestamp();
        // Received when the patients are ours: what a reader who saw the last commit has not seen is stamped after it.
        var now = clock.GetUtcNow();
        await FollowMovedPatientsAsync(patients, held, ct);
        if (devicesFirst is not null)
        {
            if (await devicesFirst(ct) is not { } names)
                return [.. outcomes.Select(o => o ?? new IntakeOutcome.NotAttempted())];
            ResolveDeviceNames(incoming, outcomes, names);
        }

        await CheckDevicesAsync(incoming, outcomes, patients, ct);
        if (requests.AnyStopped(outcomes))
            return requests.Several ? null : outcomes;

        var plans = (await db.PlanVersions.AsNoTracking().Where(v => held.Contains(v.PatientId)).ToListAsync(ct))
            .GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => (IReadOnlyList<PlanVersion>)[.. g.OrderBy(v => v.Number)]);
        var shaped = new Shaped?[incoming.Length];
        foreach (var i in taking.Where(i => outcomes[i] is null))
        {
            var patient = patients[incoming[i].PatientId];
            var shape = incoming[i].Shape(ids[i], callers[i].ActorId, now, questionnaires, NotBefore(patient, plans.GetValueOrDefault(patient.Id) ?? [], now));
            if (shape.IsValid)
                shaped[i] = shape.Value;
            else
                outcomes[i] = new IntakeOutcome.Refused(Refusal.Invalid, shape.Errors);
        }

        var resentInRequest = await FindResendsAsync(patients, held, shaped, outcomes, ct);
        if (requests.AnyStopped(outcomes))
            return requests.Several ? null : outcomes;

        var rows = await JudgeAsync(patients, plans, shaped, outcomes, now, questionnaires, ct);
        foreach (var (i, first) in resentInRequest)
        {
            outcomes[i] = outcomes[first] switch
            {
                IntakeOutcome.Stored s => new IntakeOutcome.Resent(s.Report, s.Record, s.ServiceId),
                var other => other,
            };
        }

        foreach (var action in taking.GroupBy(i => (Caller: callers[i], Action: ActionOf(incoming[i]), Request: requests.AuditedRequests[i])))
            gate.Stage(action.Key.Caller, action.Select(i => incoming[i].PatientId).Distinct(), action.Key.Action, AccessOutcome.Allowed, action.Key.Request);
        // A few new rows go with the rest through EF (one batched round trip); many are written set-based after it (ADR 0037).
        var setBased = rows.Measurements.Count + rows.Records.Count >= BulkWriter.WorthItFrom;
        if (!setBased)
        {
            db.Measurements.AddRange(rows.Measurements);
            db.TriageRecords.AddRange(rows.Records);
        }

        await db.SaveChangesAsync(ct);
        if (setBased)
        {
            await BulkWriter.WriteAsync(db, rows.Measurements, ct);
            await BulkWriter.WriteAsync(db, rows.Records, ct);
        }

        await hold.CommitAsync(ct);
        metrics.IntakeHeld(clock.GetElapsedTime(asked, holding), clock.GetElapsedTime(holding));
        foreach (var stored in outcomes.OfType<IntakeOutcome.Stored>())
        {
            if (stored.Report.IsMeasurement)
                metrics.MeasurementRecorded(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(stored.Record.Outcome.ToString()));
            LogStored(logger, stored.Record.ReportId, stored.Record.Subject, stored.Record.Outcome.ToString());
        }

        LogTaken(logger, outcomes.Count(o => o is IntakeOutcome.Stored), outcomes.Count(o => o is IntakeOutcome.Resent),
            outcomes.Count(o => o is IntakeOutcome.Refused), held.Count);
        return outcomes;
    }

    // The patients each report's caller may see; a report for any other is refused as not found, and the attempt is logged at once.
    // A patient read before the hold may have moved to another service since (a transfer holds the patient too): their
    // reports go to the service that follows them now, and their device is checked against it (ADR 0056).
    private async Task FollowMovedPatientsAsync(Dictionary<Guid, Patient> patients, List<Guid> held, CancellationToken ct)
    {
        var moved = (await db.Patients.AsNoTracking().Where(p => held.Contains(p.Id)).Select(p => new { p.Id, p.FollowUpServiceId }).ToListAsync(ct))
            .Where(p => patients[p.Id].FollowUpServiceId != p.FollowUpServiceId).Select(p => p.Id).ToList();
        if (moved.Count == 0)
            return;
        foreach (var patient in await db.Patients.AsNoTracking().Where(p => moved.Contains(p.Id)).ToListAsync(ct))
            patients[patient.Id] = patient;
    }

    private async Task<Dictionary<Guid, Patient>> AllowedPatientsAsync(IncomingReport[] incoming, Caller[] callers, string?[] auditedRequests, IntakeOutcome?[] outcomes,
        CancellationToken ct)
    {
        var patientIds = incoming.Select(r => r.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var denied = Enumerable.Range(0, incoming.Length)
            .Where(i => !patients.TryGetValue(incoming[i].PatientId, out var p) || !PatientAccessRule.Allows(callers[i], p.CareRelations)).ToList();
        if (denied.Count == 0)
            return patients;
        foreach (var attempt in denied.GroupBy(i => (Caller: callers[i], Action: ActionOf(incoming[i]), Request: auditedRequests[i])))
        {
            var deniedPatients = attempt.Select(i => incoming[i].PatientId).Distinct().ToList();
            gate.Stage(attempt.Key.Caller, deniedPatients, attempt.Key.Action, AccessOutcome.Denied, attempt.Key.Request);
            await db.SaveChangesAsync(ct);
            foreach (var _ in deniedPatients)
                metrics.AccessDenied();
        }

        foreach (var i in denied)
            outcomes[i] = new IntakeOutcome.Refused(Refusal.PatientNotFound, [new("subject", $"Patient {incoming[i].PatientId} is not found.")]);
        return patients;
    }

    private static void ResolveDeviceNames(IncomingReport[] incoming, IntakeOutcome?[] outcomes, IReadOnlyDictionary<string, Guid> names)
    {
        for (var i = 0; i < incoming.Length; i++)
        {
            if (outcomes[i] is not null || incoming[i] is not IncomingMeasurement { DeviceName: { } name } measurement)
                continue;
            if (names.TryGetValue(name, out var deviceId))
                incoming[i] = measurement.WithDevice(deviceId);
            else
                outcomes[i] = new IntakeOutcome.Refused(Refusal.Invalid, [new("device", $"Observation.device refers to {name}, which is no Device entry of this bundle.")]);
        }
    }

    /// <summary>The new readings and the triage records of every new report, not yet staged: written set-based when there are many (ADR 0037).</summary>
    private sealed record NewRows(List<Measurement> Measurements, List<TriageRecord> Records);

    // Each patient's new reports, judged together with the stored reports around them, and staged with what they changed;
    // the new readings and records are returned to be written set-based after the rest is saved.
    private async Task<NewRows> JudgeAsync(Dictionary<Guid, Patient> patients, Dictionary<Guid, IReadOnlyList<PlanVersion>> plans, Shaped?[] shaped,
        IntakeOutcome?[] outcomes, DateTimeOffset now, QuestionnaireCatalogue questionnaires, CancellationToken ct)
    {
        var rows = new NewRows([], []);
        var fresh = Enumerable.Range(0, shaped.Length).Where(i => shaped[i] is not null && outcomes[i] is null).GroupBy(i => PatientOf(shaped[i]!)).ToList();
        if (fresh.Count == 0)
            return rows;
        var ids = fresh.Select(g => g.Key).ToList();
        var states = await TriageStates.LoadAsync(db, ids, ct);
        var incoming = fresh.ToDictionary(g => g.Key, g => g.Select(i => shaped[i]!.AsReport()).ToList());
        // Reports measured after, or a little before, the newest stored one are judged from the patient's rolling state;
        // the others from the look-back window, of every subject when there is no state to keep the others (ADR 0018).
        var fromState = ids.Where(id => states.GetValueOrDefault(id)?.State.Judges(incoming[id], plans.GetValueOrDefault(id) ?? []) == true).ToHashSet();
        var judgedAgain = await RecordsJudgedAgainAsync(states, incoming, fromState, ct);
        var windows = fresh.Where(g => !fromState.Contains(g.Key)).ToDictionary(g => g.Key, g =>
        {
            var own = plans.GetValueOrDefault(g.Key) ?? [];
            var earliestNew = g.Min(i => shaped[i]!.AsReport().EffectiveAt);
            var someSubjects = states.GetValueOrDefault(g.Key)?.State.Covers(own) == true && !PlanInForce.CrossesSubjects(own);
            return new PatientReports.Window(earliestNew - PlanInForce.Lookback(own),
                someSubjects ? g.Select(i => shaped[i]!.AsReport().Subject).ToHashSet(StringComparer.Ordinal) : null, earliestNew);
        });
        var history = await PatientReports.LoadManyAsync(db, windows, ct);
        // Stored answers to a questionnaire this node has not read yet (published on another node a moment ago) are judged with it too.
        questionnaires = await stored.CatalogueWithAsync(history.Values.SelectMany(h => h).Select(s => s.Report)
            .Concat(states.Values.SelectMany(s => s.State.Kept).Select(k => k.Report))
            .Where(r => r.QuestionnaireId is not null).Select(r => (r.QuestionnaireId, r.QuestionnaireVersion)), ct);
        var active = (await db.Alerts.IgnoreAutoIncludes().Where(a => ids.Contains(a.PatientId) && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
            .ToListAsync(ct)).ToLookup(a => a.PatientId);
        // A new report joins an alert from what the alert keeps; the reports of an alert are read only where one may move (ADR 0021).
        var judgingStoredAgain = ids.Where(id => !fromState.Contains(id) || !states[id].State.InOrder(incoming[id])).ToHashSet();
        var readWhole = active.SelectMany(g => g).Where(a => AlertBook.NeedsAllMembers(a, judgingStoredAgain.Contains(a.PatientId))).Select(a => a.Id).ToList();
        if (readWhole.Count > 0)
            await db.AlertMembers.Where(m => readWhole.Contains(m.AlertId)).LoadAsync(ct);
        var missed = (await db.MissedReports.Where(m => ids.Contains(m.PatientId) && m.FulfilledAt == null).ToListAsync(ct)).ToLookup(m => m.PatientId);

        foreach (var group in fresh)
        {
            var patient = patients[group.Key];
            var own = plans.GetValueOrDefault(group.Key) ?? [];
            var held = states.GetValueOrDefault(patient.Id);
            var judgedFromState = fromState.Contains(patient.Id);
            var inOrder = judgedFromState && held!.State.InOrder(incoming[patient.Id]);
            var stored = !judgedFromState ? history.GetValueOrDefault(patient.Id) ?? []
                : inOrder ? held!.State.AsStored(patient.Id)
                : [.. held!.State.AsStored(patient.Id).Select(k => judgedAgain.TryGetValue(k.Report.Id, out var whole) ? k with { Record = whole } : k)];
            var book = new AlertBook(patient.Id, patient.FollowUpServiceId, active[patient.Id], () => Guid.CreateVersion7(now));
            var taken = PatientIntake.Take(patient.Id, own, stored, incoming[patient.Id], book, missed[patient.Id], now, questionnaires);
            rows.Records.AddRange(taken.Added);
            db.TriageRecords.UpdateRange(taken.Rejudged);
            var changed = (inOrder ? [] : stored).Select(s => new TriagedReport(s.Report, s.Record.Result))
                .Concat(incoming[patient.Id].Zip(taken.Added, (r, record) => new TriagedReport(r, record.Result)));
            var kept = held is not null && (judgedFromState || held.State.Covers(own)) ? held.State : TriageState.None;
            TriageStates.Stage(db, patient.Id, held, kept.With(changed, own), now);
            metrics.TriageRead(inOrder ? "state" : judgedFromState ? "state-late" : "window");
            PatientAlerts.Stage(db, book, now);
            Outbox.ReportsReceived(db, patient.FollowUpServiceId, patient.Id, taken.Added, now);
            foreach (var (i, record) in group.Zip(taken.Added))
            {
                var report = shaped[i]!;
                if (report.Measurement is { } measurement)
                {
                    measurement.JudgedOnArrival(record.Result);
                    rows.Measurements.Add(measurement);
                }
                else
                {
                    db.QuestionnaireResponses.Add(report.Response!);
                }

                outcomes[i] = new IntakeOutcome.Stored(report, record, PlanInForce.At(own, record.EffectiveAt), patient.FollowUpServiceId);
            }
        }

        return rows;
    }

    // The whole records of the kept reports that reports a little late will judge again (from the earliest late one on).
    // A patient whose state holds a report without its record in the database is judged from the window instead.
    private async Task<Dictionary<Guid, TriageRecord>> RecordsJudgedAgainAsync(Dictionary<Guid, TriageStates.Held> states,
        Dictionary<Guid, List<TriageReport>> incoming, HashSet<Guid> fromState, CancellationToken ct)
    {
        var late = fromState.Where(id => !states[id].State.InOrder(incoming[id])).ToDictionary(id => id, id => incoming[id].Min(r => r.EffectiveAt));
        if (late.Count == 0)
            return [];
        var ids = late.Keys.ToList();
        var earliest = late.Values.Min();
        var records = (await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.PatientId) && r.EffectiveAt >= earliest).ToListAsync(ct))
            .Where(r => r.EffectiveAt >= late[r.PatientId]).ToDictionary(r => r.ReportId);
        foreach (var (id, from) in late)
        {
            if (states[id].State.Kept.Any(k => k.Report.EffectiveAt >= from && !records.ContainsKey(k.Report.Id)))
                fromState.Remove(id);
        }

        return records;
    }

    private static Guid PatientOf(Shaped s) => s.Measurement?.PatientId ?? s.Response!.PatientId;

    private static string ActionOf(IncomingReport report) => report is IncomingMeasurement ? "measurement.record" : "questionnaire-response.record";

    [LoggerMessage(LogLevel.Information, "Report {ReportId} ({Subject}) stored, triage {TriageOutcome}")]
    private static partial void LogStored(ILogger logger, Guid reportId, string subject, string triageOutcome);

    [LoggerMessage(LogLevel.Information, "Intake: {Stored} stored, {Resent} resent, {Refused} refused, for {Patients} patients")]
    private static partial void LogTaken(ILogger logger, int stored, int resent, int refused, int patients);
}
