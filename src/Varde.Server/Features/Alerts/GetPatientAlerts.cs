using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Alerts;

/// <summary>GET /api/patients/{id}/alerts: the patient's alert history, newest first, with actions, notes and the reports behind each.</summary>
public sealed class GetPatientAlerts(VardeDbContext db, PatientAccessGate gate)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/alerts", (Guid patientId, ClaimsPrincipal user, GetPatientAlerts slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(GetPatientAlerts))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<List<AlertResponse>>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "alert.history.read", ct) is null)
            return PatientProblems.NotFound(patientId);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(ct);
        return TypedResults.Ok(alerts.OrderByDescending(a => a.OpenedAt).Select(AlertResponse.From).ToList());
    }
}
