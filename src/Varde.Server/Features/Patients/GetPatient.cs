using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>GET /api/patients/{id}: one patient's key facts.</summary>
public sealed class GetPatient(PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}", (Guid patientId, ClaimsPrincipal user, GetPatient slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(GetPatient))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<PatientResponse>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "patient.read", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        return TypedResults.Ok(PatientResponse.From(patient, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }
}
