using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Messages;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// GET /api/services/{id}/worklist: what the follow-up service has to do, in order: red alerts, then yellow alerts and
/// messages from patients by how long they have waited, then check-measurement and missing-report items, then green (and unjudged) reports to
/// review. A report to review with the patient's own words carries them (<see cref="PatientWords"/>): the nurse reads
/// it on its own, never in bulk. Every patient shown is written to the access log: once per request over HTTP, once per
/// screen on an open live list (<c>shownOnScreen</c>: it reloads on every change, and a row per patient per reload would
/// bury the log, and the database, under one nurse's open screen; a patient who appears later is logged then).
/// </summary>
public sealed class GetWorklist(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int MaxToReview = 500;

    public sealed record PatientDto(Guid Id, string Name, int Age, Guid MunicipalityId, string Municipality, DiagnosisGroup Diagnoses);

    public sealed record Item(
        string Kind,
        int Rank,
        Guid? AlertId,
        Guid? ReportId,
        AlertCategory? Category,
        string Subject,
        TriageOutcome Zone,
        AlertState? State,
        PatientDto Patient,
        string ReasonNb,
        string ReasonEn,
        int ReportCount,
        DateTimeOffset WaitingSince,
        int WaitingMinutes,
        string? AcknowledgedBy,
        string? AcknowledgedById,
        bool Escalated,
        bool Late,
        int? Version,
        IReadOnlyList<TriageInput> LatestInputs,
        string? PatientText = null,
        string? EscalatedTo = null,
        Guid? MessageId = null,
        string? Device = null);

    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/worklist", (Guid serviceId, ClaimsPrincipal user, GetWorklist slice, CancellationToken ct) =>
                slice.HandleAsync(serviceId, user, ct))
            .WithName(nameof(GetWorklist))
            .RequireAuthorization(Policies.HandleAlerts);

    /// <summary>The list; <paramref name="shownOnScreen"/>: the patients the open screen asking has already shown (and logged), to which the ones logged now are added.
    /// An open screen that heard which patients changed asks for just their items (<paramref name="onlyPatients"/>) and
    /// puts them in its list with <see cref="Replace"/>.</summary>
    public async Task<Results<Ok<List<Item>>, ProblemHttpResult>> HandleAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct,
        ISet<Guid>? shownOnScreen = null, IReadOnlySet<Guid>? onlyPatients = null)
    {
        if (!ServiceAccess.WorksFor(user, serviceId))
            return AlertProblems.ServiceNotFound(serviceId);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var activeAlerts = db.Alerts.AsNoTracking().IgnoreAutoIncludes()
            .Where(a => a.ServiceId == serviceId && (a.State == AlertState.Open || a.State == AlertState.Acknowledged));
        var unreviewed = db.TriageRecords.AsNoTracking()
            .Where(r => r.ServiceId == serviceId && r.AlertId == null && r.ReviewedAt == null && (r.Outcome == TriageOutcome.Green || r.Outcome == TriageOutcome.NoThresholds));
        var waitingMessages = MessageQueries.Waiting(db).AsNoTracking();
        if (onlyPatients is not null)
        {
            var ids = onlyPatients.ToList();
            activeAlerts = activeAlerts.Where(a => ids.Contains(a.PatientId));
            unreviewed = unreviewed.Where(r => ids.Contains(r.PatientId));
            waitingMessages = waitingMessages.Where(m => ids.Contains(m.PatientId));
        }

        var alerts = await activeAlerts.ToListAsync(ct);
        var toReview = await unreviewed
            .OrderBy(r => r.ReceivedAt)
            .Take(MaxToReview)
            .ToListAsync(ct);

        var messages = await waitingMessages
            .Join(db.Patients.Where(p => p.FollowUpServiceId == serviceId), m => m.PatientId, p => p.Id, (m, p) => m)
            .OrderBy(m => m.SentAt)
            .Take(MaxToReview)
            .Select(m => new { m.Id, m.PatientId, m.Text, m.SentAt, m.OnBehalfLabel, WithPhoto = m.PhotoId != null })
            .ToListAsync(ct);
        var words = await PatientWords.ForAsync(db, toReview.Select(r => r.ReportId).ToList(), ct);

        // The queries below are skipped when they have nothing to look for: a live load of one patient's greens, the
        // common case on an open screen, has no alerts, so it reads no staff names and no latest inputs.
        var patientIds = alerts.Select(a => a.PatientId).Concat(toReview.Select(r => r.PatientId)).Concat(messages.Select(m => m.PatientId)).Distinct().ToList();
        var patients = patientIds.Count == 0 ? [] : await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new
            {
                Patient = p,
                Municipality = db.Organisations.Where(o => o.Id == p.MunicipalityId).Select(o => o.Name).FirstOrDefault(),
            })
            .ToDictionaryAsync(p => p.Patient.Id, ct);
        var staff = await StaffNames.ForAsync(db, alerts.Select(a => a.AcknowledgedBy).Concat(alerts.Select(a => a.EscalatedTo)), ct);

        var latestReportIds = alerts.Where(a => a.ReportCount > 0).Select(a => a.LatestReportId).ToList();
        var latestInputs = latestReportIds.Count == 0 ? [] : await db.TriageRecords.AsNoTracking().Where(r => latestReportIds.Contains(r.ReportId))
            .ToDictionaryAsync(r => r.ReportId, r => r.Inputs, ct);
        // The device that measured each item's latest reading, named as staff know it ("Omron HEM-7361T").
        var shownReportIds = latestReportIds.Concat(toReview.Select(r => r.ReportId)).ToList();
        var devices = shownReportIds.Count == 0 ? [] : await db.Measurements.AsNoTracking().Where(m => shownReportIds.Contains(m.Id) && m.DeviceId != null)
            .Join(db.MeasuringDevices, m => m.DeviceId, d => d.Id, (m, d) => new { m.Id, d.Manufacturer, d.Model, d.SerialNumber })
            .ToDictionaryAsync(x => x.Id, x => GetPatientOverview.DeviceLabel(x.Manufacturer, x.Model, x.SerialNumber), ct);

        PatientDto Patient(Guid id)
        {
            var (patient, municipality) = (patients[id].Patient, patients[id].Municipality);
            return new(id, patient.Name, patient.AgeOn(today), patient.MunicipalityId, municipality ?? "", patient.Diagnoses);
        }

        IReadOnlyList<TriageInput> LatestInputs(Alert a) =>
            a.ReportCount > 0 ? latestInputs.GetValueOrDefault(a.LatestReportId, []) : [];
        int Minutes(DateTimeOffset since) => (int)Math.Max(0, (now - since).TotalMinutes);

        var items = alerts.Select(a =>
        {
            var since = WaitingSince(a);
            return new Item("alert", Rank(a), a.Id, null, a.Category, a.Subject, a.Zone, a.State, Patient(a.PatientId), a.ReasonNb, a.ReasonEn,
                a.ReportCount, since, Minutes(since), staff.Of(a.AcknowledgedBy), a.AcknowledgedBy,
                a.EscalatedAt is not null, a.Late, a.Version, LatestInputs(a), EscalatedTo: staff.Of(a.EscalatedTo),
                Device: a.ReportCount > 0 ? devices.GetValueOrDefault(a.LatestReportId) : null);
        }).Concat(toReview.Select(r => new Item("review", 3, null, r.ReportId, null, r.Subject, r.Outcome, null, Patient(r.PatientId),
            r.ExplanationNb, r.ExplanationEn, 1, r.ReceivedAt, Minutes(r.ReceivedAt), null, null, false, r.Late, null, r.Inputs,
            words.GetValueOrDefault(r.ReportId), Device: devices.GetValueOrDefault(r.ReportId))))
            .Concat(messages.Select(m => new Item("message", 1, null, null, null, "message", TriageOutcome.NoThresholds, null, Patient(m.PatientId),
                (m.OnBehalfLabel is null ? "Melding fra pasienten" : $"Melding fra pasienten, sendt av {m.OnBehalfLabel}") + (m.WithPhoto ? " (med bilde)" : ""),
                (m.OnBehalfLabel is null ? "Message from the patient" : $"Message from the patient, sent by {m.OnBehalfLabel}") + (m.WithPhoto ? " (with a photo)" : ""),
                1, m.SentAt, Minutes(m.SentAt), null, null, false, false, null, [], m.Text, MessageId: m.Id)));

        var newlyShown = shownOnScreen is null ? patientIds : patientIds.Where(id => !shownOnScreen.Contains(id)).ToList();
        if (newlyShown.Count > 0)
            await gate.LogAsync(Callers.From(user), newlyShown, "worklist.read", AccessOutcome.Allowed, ct);
        shownOnScreen?.UnionWith(newlyShown);
        return TypedResults.Ok(InOrder(items));
    }

    /// <summary>
    /// A list in which the items of <paramref name="patients"/> are replaced by <paramref name="theirs"/> (as loaded with
    /// <c>onlyPatients</c>), with at most <see cref="MaxToReview"/> greens, the oldest, as a full load has: on a busy
    /// service the greens of each patient heard from would otherwise pile up on the screen until the next full load.
    /// (When greens were reviewed away, a full load may show others' older ones that this list has not loaded.)
    /// </summary>
    public static List<Item> Replace(IEnumerable<Item> list, IReadOnlySet<Guid> patients, IEnumerable<Item> theirs)
    {
        var merged = InOrder(list.Where(i => !patients.Contains(i.Patient.Id)).Concat(theirs));
        var greens = 0;
        merged.RemoveAll(i => i.Kind == "review" && ++greens > MaxToReview);
        return merged;
    }

    /// <summary>
    /// Whether the alerts on two loads of the list differ (one raised, closed, acknowledged, escalated or otherwise
    /// changed): the service's alert figures beside the list (open alerts, burden, time to acknowledge) change with
    /// alerts, not with greens, so a live load that only brought greens need not count them again. (Its active patients
    /// and nurses on duty are counted again at the full load each minute.)
    /// </summary>
    public static bool AlertsDiffer(IEnumerable<Item> before, IEnumerable<Item> after) =>
        !AlertVersions(before).SetEquals(AlertVersions(after));

    private static HashSet<(Guid Alert, int? Version, AlertState? State)> AlertVersions(IEnumerable<Item> items) =>
        items.Where(i => i.AlertId is not null).Select(i => (i.AlertId!.Value, i.Version, i.State)).ToHashSet();

    private static List<Item> InOrder(IEnumerable<Item> items) =>
        items.OrderBy(i => i.Rank).ThenBy(i => i.WaitingSince).ThenBy(i => i.Patient.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Since when an alert has waited: a missed report since its deadline (the earliest one it holds: a report due
    /// yesterday has waited since yesterday, even when the alert was raised at start-up today); others since they
    /// became red, or opened.
    /// </summary>
    private static DateTimeOffset WaitingSince(Alert a)
    {
        if (a.Category == AlertCategory.MissingReport && a.ReportCount > 0)
        {
            var deadline = a.EarliestEffectiveAt;
            return deadline < a.OpenedAt ? deadline : a.OpenedAt;
        }

        return a.RedSince ?? a.OpenedAt;
    }

    /// <summary>Red first, then yellow, then check-measurement and missing reports; green reports to review come last (3).</summary>
    private static int Rank(Alert a) => a switch
    {
        { Category: AlertCategory.Clinical, Zone: TriageOutcome.Red } => 0,
        { Category: AlertCategory.Clinical } => 1,
        _ => 2,
    };
}
