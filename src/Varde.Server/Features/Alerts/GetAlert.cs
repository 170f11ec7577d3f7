using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// GET /api/alerts/{id}: one alert with what a nurse needs while deciding: its reports and reasons, who has
/// acknowledged or handled it (by name), and what the patient's plan says to do in the alert's zone. A nurse handles
/// a patient, not an alert, so it comes with the patient's other open alerts (<see cref="Response.Others"/>) and
/// green reports not yet reviewed (<see cref="Response.ToReview"/>, the oldest <see cref="MaxToReview"/>), which
/// <see cref="HandleAlert"/> can handle with it, and how to reach the patient and their next of kin (<see cref="Response.Contact"/>).
/// </summary>
public sealed class GetAlert(VardeDbContext db, PatientAccessGate gate)
{
    public const int MaxToReview = 50;

    public sealed record Response(AlertResponse Alert, string PatientName, string? AcknowledgedByName, string? HandledByName, int? PlanVersion,
        string? ZoneInstruction, IReadOnlyList<OtherAlert> Others, IReadOnlyList<ReportToReview> ToReview, ContactResponse Contact);

    /// <summary>Another open alert of the same patient, with the plan's instruction for its zone.</summary>
    public sealed record OtherAlert(AlertResponse Alert, string? AcknowledgedByName, string? ZoneInstruction);

    /// <summary>A green (or unjudged) report of the patient not yet reviewed; <c>PatientText</c>: their own words, if any.</summary>
    public sealed record ReportToReview(Guid ReportId, string Subject, DateTimeOffset EffectiveAt, string ReasonNb, string ReasonEn, string? PatientText);

    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapGet("/{alertId:guid}", (Guid alertId, ClaimsPrincipal user, GetAlert slice, CancellationToken ct) => slice.HandleAsync(alertId, user, ct))
            .WithName(nameof(GetAlert))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Guid alertId, ClaimsPrincipal user, CancellationToken ct)
    {
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
            return AlertProblems.NotFound(alertId);
        var patient = await gate.OpenAsync(user, alert.PatientId, "alert.read", ct);
        if (patient is null)
            return AlertProblems.NotFound(alertId);

        var others = await db.Alerts.AsNoTracking()
            .Where(a => a.PatientId == alert.PatientId && a.Id != alertId && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
            .OrderBy(a => a.OpenedAt)
            .Take(HandleAlert.MaxOthers)
            .ToListAsync(ct);
        var toReview = await db.TriageRecords.AsNoTracking()
            .Where(r => r.PatientId == alert.PatientId && r.AlertId == null && r.ReviewedAt == null
                && (r.Outcome == TriageOutcome.Green || r.Outcome == TriageOutcome.NoThresholds))
            .OrderBy(r => r.ReceivedAt)
            .Take(MaxToReview)
            .Select(r => new { r.ReportId, r.Subject, r.EffectiveAt, r.ExplanationNb, r.ExplanationEn })
            .ToListAsync(ct);
        var words = await PatientWords.ForAsync(db, toReview.Select(r => r.ReportId).ToList(), ct);

        var names = await StaffNames.ForAsync(db, others.Select(a => a.AcknowledgedBy).Append(alert.AcknowledgedBy).Append(alert.HandledBy), ct);
        var plan = await CurrentPlanVersion.InForceAsync(db, alert.PatientId, ct);
        var instructions = plan?.Rules.Instructions;
        return TypedResults.Ok(new Response(AlertResponse.From(alert), patient.Name, names.Of(alert.AcknowledgedBy), names.Of(alert.HandledBy),
            plan?.Number, instructions?.For(alert.Zone, OwnWordsFor(alert)),
            others.OrderBy(a => WorkOrder(a)).ThenBy(a => a.OpenedAt)
                .Select(a => new OtherAlert(AlertResponse.From(a), names.Of(a.AcknowledgedBy), instructions?.For(a.Zone, OwnWordsFor(a)))).ToList(),
            toReview.Select(r => new ReportToReview(r.ReportId, r.Subject, r.EffectiveAt, r.ExplanationNb, r.ExplanationEn, words.GetValueOrDefault(r.ReportId)))
                .ToList(),
            ContactResponse.From(patient.Contact)));
    }

    /// <summary>
    /// The kind whose own words in the plan apply: a clinical finding's. A missed report has the schedule's kind as its
    /// subject, but what to do about a blood sugar that never came is not what to do about a high one: the general words.
    /// </summary>
    private static string? OwnWordsFor(Alert a) => a.Category == AlertCategory.Clinical ? a.Subject : null;

    /// <summary>The worklist's order: red, yellow, then check-measurement and missing reports.</summary>
    private static int WorkOrder(Alert a) => a.Category switch
    {
        AlertCategory.CheckMeasurement => 2,
        AlertCategory.MissingReport => 3,
        _ => a.Zone == TriageOutcome.Red ? 0 : 1,
    };
}
