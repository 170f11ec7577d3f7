using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// POST /api/services/{id}/reviews: marks green (and unjudged) reports of the service as reviewed, in bulk. Reports
/// in an alert are reviewed by handling the alert; ids that are not such reports of this service are listed back.
/// </summary>
public sealed class ReviewReports(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int MaxPerRequest = 1000;

    public sealed record Request(IReadOnlyList<Guid>? ReportIds);

    public sealed record Response(int Reviewed, IReadOnlyList<Guid> NotReviewable);

    public static void Map(RouteGroupBuilder services) =>
        services.MapPost("/{serviceId:guid}/reviews", (Guid serviceId, Request request, ClaimsPrincipal user, ReviewReports slice, CancellationToken ct) =>
                slice.HandleAsync(serviceId, request, user, ct))
            .WithName(nameof(ReviewReports))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid serviceId, Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (!ServiceAccess.WorksFor(user, serviceId))
            return AlertProblems.ServiceNotFound(serviceId);
        var ids = request.ReportIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxPerRequest)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reportIds"] = [$"Give 1–{MaxPerRequest} report ids."] });

        var records = await db.TriageRecords
            .Where(r => ids.Contains(r.ReportId) && r.AlertId == null && (r.Outcome == TriageOutcome.Green || r.Outcome == TriageOutcome.NoThresholds))
            .Join(db.Patients.Where(p => p.FollowUpServiceId == serviceId), r => r.PatientId, p => p.Id, (r, p) => r)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var caller = Callers.From(user);
        var reviewed = records.Where(r => r.MarkReviewed(caller.ActorId, now)).Select(r => r.ReportId).ToList();
        if (reviewed.Count > 0)
            Outbox.ReportsReviewed(db, serviceId, reviewed, now);
        await gate.LogAsync(caller, records.Select(r => r.PatientId).Distinct(), "reports.review", AccessOutcome.Allowed, ct);
        return TypedResults.Ok(new Response(reviewed.Count, ids.Except(records.Select(r => r.ReportId)).ToList()));
    }
}
