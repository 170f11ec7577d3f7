using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Plans;

/// <summary>
/// POST /api/patients/{id}/plan/versions/{number}/approval: the patient's GP approves the newest version, which puts it
/// in force for triage and the patient app from now. Another GP, an older draft or a second approval is refused.
/// </summary>
public sealed class ApprovePlanVersion(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/plan/versions/{number:int}/approval", (Guid patientId, int number, ClaimsPrincipal user,
                ApprovePlanVersion slice, CancellationToken ct) => slice.HandleAsync(patientId, number, user, ct))
            .WithName(nameof(ApprovePlanVersion))
            .RequireAuthorization(Policies.ApprovePlans);

    public async Task<Results<Ok<PlanVersionResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, int number,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "plan.approve", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        var caller = Callers.From(user);
        if (patient.GpStaffId?.ToString() != caller.ActorId)
            return TypedResults.Problem(title: "Only the patient's GP approves the plan", statusCode: StatusCodes.Status403Forbidden,
                detail: "A plan version is approved by the patient's own GP (fastlege).", type: "https://varde.no/problems/not-the-gp");

        var version = await db.PlanVersions.SingleOrDefaultAsync(v => v.PatientId == patientId && v.Number == number, ct);
        if (version is null)
            return TypedResults.Problem(title: "No such plan version", statusCode: StatusCodes.Status404NotFound, type: "https://varde.no/problems/not-found");
        var newest = await db.PlanVersions.Where(v => v.PatientId == patientId).MaxAsync(v => v.Number, ct);
        var errors = version.Approve(caller, clock.GetUtcNow(), newest);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(ValidationError.ByField(errors));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return PatientProblems.Conflict("plan-approved", "The version was approved at the same time", "Reload the plan.");
        }

        return TypedResults.Ok(PlanVersionResponse.From(version));
    }
}
