using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Plans;
using Varde.Server.Auth;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Plans;

/// <summary>
/// POST /api/patients/{id}/plan/versions: makes a new plan version from the newest one (draft or approved). The old
/// version stays untouched; two concurrent revisions cannot both win (unique patient + number → 409). A nurse's or
/// specialist's version is a draft until the GP approves it; the GP's own version is approved as it is made.
/// </summary>
public sealed class RevisePlan(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, StoredQuestionnaires stored)
{
    /// <summary>Rules null keeps the current version's rules (trend, questionnaire, NEWS2, schedule, zone instructions).</summary>
    public sealed record Request(IReadOnlyList<QuantityThreshold>? Thresholds, string? ChangeNote, PlanRules? Rules = null);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/plan/versions", (Guid patientId, Request request, ClaimsPrincipal user, RevisePlan slice,
                CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RevisePlan))
            .RequireAuthorization(Policies.EditPlans);

    public async Task<Results<Created<PlanVersionResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid patientId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "plan.revise", ct) is not { } patient)
            return PatientProblems.NotFound(patientId);

        var caller = Callers.From(user);
        var author = caller.ActorId;
        var now = clock.GetUtcNow();
        var thresholds = request.Thresholds ?? [];
        var current = await CurrentPlanVersion.NewestAsync(db, patientId, ct);
        var next = current is null
            ? PlanVersion.First(Guid.CreateVersion7(now), patientId, [.. thresholds], author, now, request.ChangeNote, request.Rules)
            : current.Revise(Guid.CreateVersion7(now), [.. thresholds], author, now, request.ChangeNote, request.Rules);
        if (!next.IsValid)
            return TypedResults.ValidationProblem(next.ErrorsByField());
        // The questionnaires the rules name must be in use; one the version before had may stay after it is retired.
        if (QuestionnaireReferences.Check(next.Value.Rules, await stored.CatalogueAsync(ct), current?.Rules) is { Count: > 0 } unknown)
            return TypedResults.ValidationProblem(Domain.ValidationError.ByField(unknown));

        if (caller.Role == Role.Gp && next.Value.Approve(caller, now, next.Value.Number) is [var refused, ..])
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] });
        db.PlanVersions.Add(next.Value);
        await Notify.GpOfPlanAsync(db, next.Value, patient.GpStaffId, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return PatientProblems.Conflict("plan-changed", "The plan was changed at the same time",
                "Someone else made a new plan version just now; reload the plan and make your change again.");
        }

        return TypedResults.Created($"/api/patients/{patientId}/plan", PlanVersionResponse.From(next.Value));
    }
}
