using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Plans;

/// <summary>GET /api/patients/{id}/plan: the current plan version and the list of all versions (who, when).</summary>
public sealed class GetPlan(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record VersionSummary(Guid Id, int Number, DateTimeOffset CreatedAt, string CreatedBy, string? ChangeNote);

    public sealed record Response(PlanVersionResponse? Current, IReadOnlyList<VersionSummary> Versions);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/plan", (Guid patientId, ClaimsPrincipal user, GetPlan slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(GetPlan))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "plan.read", ct) is null)
            return PatientProblems.NotFound(patientId);

        var current = await CurrentPlanVersion.ForPatientAsync(db, patientId, ct);
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Id, v.Number, v.CreatedAt, v.CreatedBy, v.ChangeNote))
            .ToListAsync(ct);
        return TypedResults.Ok(new Response(current is null ? null : PlanVersionResponse.From(current), versions));
    }
}
