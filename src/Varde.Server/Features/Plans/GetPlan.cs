using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Plans;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Plans;

/// <summary>
/// GET /api/patients/{id}/plan: the version in force (newest GP-approved), the draft waiting for approval (a newer
/// unapproved version, if any), and every version with who made it, who approved it and when, and what it changed
/// from the version before.
/// </summary>
public sealed class GetPlan(VardeDbContext db, PatientAccessGate gate, StoredQuestionnaires stored)
{
    public sealed record VersionSummary(Guid Id, int Number, DateTimeOffset CreatedAt, string CreatedBy, string? CreatedByName, string? ChangeNote,
        string? ApprovedBy, string? ApprovedByName, DateTimeOffset? ApprovedAt, IReadOnlyList<PlanChange> Changes);

    public sealed record Response(PlanVersionResponse? Current, PlanVersionResponse? Draft, IReadOnlyList<VersionSummary> Versions);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/plan", (Guid patientId, ClaimsPrincipal user, GetPlan slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(GetPlan))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "plan.read", ct) is null)
            return PatientProblems.NotFound(patientId);

        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).OrderByDescending(v => v.Number).ToListAsync(ct);
        var current = versions.FirstOrDefault(v => v.IsApproved);
        var draft = versions.FirstOrDefault() is { IsApproved: false } newest ? newest : null;
        var names = await StaffNames.ForAsync(db, versions.SelectMany(v => new[] { v.CreatedBy, v.Approval?.ApprovedBy }), ct);
        var questionnaires = await stored.CatalogueAsync(ct);
        var summaries = versions.Select(v => new VersionSummary(v.Id, v.Number, v.CreatedAt, v.CreatedBy, names.Find(v.CreatedBy), v.ChangeNote,
            v.Approval?.ApprovedBy, names.Find(v.Approval?.ApprovedBy), v.Approval?.ApprovedAt,
            PlanDiff.Between(versions.FirstOrDefault(older => older.Number == v.Number - 1), v, questionnaires))).ToList();
        return TypedResults.Ok(new Response(current is null ? null : PlanVersionResponse.From(current), draft is null ? null : PlanVersionResponse.From(draft),
            summaries));
    }
}
