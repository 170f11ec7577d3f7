using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Alerts;

/// <summary>GET /api/patients/{id}/alert-burden?from=&amp;to=: one patient's alert-burden figures (default: the last 30 days).</summary>
public sealed class GetPatientAlertBurden(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/alert-burden", (Guid patientId, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user,
                GetPatientAlertBurden slice, CancellationToken ct) => slice.HandleAsync(patientId, from, to, user, ct))
            .WithName(nameof(GetPatientAlertBurden))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<AlertBurden.Figures>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, DateTimeOffset? from,
        DateTimeOffset? to, ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "alert.burden.read", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        if (AlertBurden.Period(from, to, clock.GetUtcNow(), TimeSpan.FromDays(30)) is not { } period)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [AlertBurden.PeriodRule] });
        return TypedResults.Ok(await AlertBurden.ComputeAsync(db, patient.FollowUpServiceId, patientId, period.From, period.To, ct));
    }
}
