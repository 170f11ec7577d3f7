using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

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

        var actorIds = new[] { alert.AcknowledgedBy, alert.HandledBy }.OfType<string>()
            .Select(a => Guid.TryParse(a, out var id) ? id : Guid.Empty).ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => actorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id.ToString(), s => s.Name, ct);
        var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == alert.PatientId).ToListAsync(ct);
        var plan = plans.MaxBy(v => v.Number);
        return TypedResults.Ok(new Response(AlertResponse.From(alert), patient.Name,
            alert.AcknowledgedBy is { } a ? names.GetValueOrDefault(a, a) : null,
            alert.HandledBy is { } h ? names.GetValueOrDefault(h, h) : null,
            plan?.Number, plan?.Rules.Instructions?.For(alert.Zone)));
    }
}
