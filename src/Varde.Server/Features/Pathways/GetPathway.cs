using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Pathways;

/// <summary>GET /api/patients/{id}/pathway: the patient's current pathway with its history; 404 when the patient has none.</summary>
public sealed class GetPathway(VardeDbContext db, PatientAccessGate gate)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/pathway", (Guid patientId, ClaimsPrincipal user, GetPathway slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(GetPathway))
            .RequireAuthorization(Policies.ReadPathways);

    public async Task<Results<Ok<PathwayResponse>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "pathway.read", ct) is null)
            return PatientProblems.NotFound(patientId);
        var pathway = await CurrentPathway.ForPatientAsync(db, patientId, tracked: false, ct);
        if (pathway is null)
            return TypedResults.Problem(title: "No pathway", detail: "The patient has no referral or pathway in Varde.", statusCode: StatusCodes.Status404NotFound,
                type: "https://varde.no/problems/no-pathway");
        var names = await StaffNames.ForAsync(db, pathway.History.Select(h => h.ActorId), ct);
        return TypedResults.Ok(PathwayResponse.From(pathway, names));
    }
}
