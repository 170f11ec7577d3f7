using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// GET /api/alerts/{id}: one alert with what a nurse needs while deciding: its reports and reasons, who has
/// acknowledged or handled it (by name), and what the patient's plan says to do in the alert's zone.
/// </summary>
public sealed class GetAlert(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record Response(AlertResponse Alert, string PatientName, string? AcknowledgedByName, string? HandledByName, int? PlanVersion,
        string? ZoneInstruction);

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

        var names = await StaffNames.ForAsync(db, [alert.AcknowledgedBy, alert.HandledBy], ct);
        var plan = await CurrentPlanVersion.InForceAsync(db, alert.PatientId, ct);
        return TypedResults.Ok(new Response(AlertResponse.From(alert), patient.Name, names.Of(alert.AcknowledgedBy), names.Of(alert.HandledBy),
            plan?.Number, plan?.Rules.Instructions?.For(alert.Zone)));
    }
}
