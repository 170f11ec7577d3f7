using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
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
/// A report with the patient's own words (<see cref="PatientWords"/>) is never reviewed in bulk: it is reviewed only
/// when it is the one id of a request that says the text was read (<c>textRead: true</c>, what "Marker som lest"
/// sends after showing it). In any other request it is refused, with a ProblemDetails naming it in <c>refused</c>,
/// and the rest of the request is reviewed as usual, so a refused id costs nothing else.
/// </summary>
public sealed class ReviewReports(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int MaxPerRequest = 1000;

    public sealed record Request(IReadOnlyList<Guid>? ReportIds, bool TextRead = false);

    public sealed record Response(int Reviewed, IReadOnlyList<Guid> NotReviewable, IReadOnlyList<ProblemDetails>? Refused = null);

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
        if (request.TextRead && ids.Count != 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["textRead"] = ["textRead says the nurse read one report's text: give exactly one report id with it."],
            });

        var records = await db.TriageRecords
            .Where(r => ids.Contains(r.ReportId) && r.AlertId == null && (r.Outcome == TriageOutcome.Green || r.Outcome == TriageOutcome.NoThresholds))
            .Join(db.Patients.Where(p => p.FollowUpServiceId == serviceId), r => r.PatientId, p => p.Id, (r, p) => r)
            .ToListAsync(ct);
        var withWords = request.TextRead ? [] : (await PatientWords.ForAsync(db, records.Select(r => r.ReportId).ToList(), ct)).Keys.ToHashSet();
        var refused = records.Where(r => withWords.Contains(r.ReportId)).Select(r => r.ReportId).ToList();
        var known = records.Select(r => r.ReportId).ToList();
        records = records.Where(r => !withWords.Contains(r.ReportId)).ToList();
        var now = clock.GetUtcNow();
        var caller = Callers.From(user);
        var reviewed = records.Where(r => r.MarkReviewed(caller.ActorId, now)).Select(r => r.ReportId).ToList();
        if (reviewed.Count > 0)
            Outbox.ReportsReviewed(db, serviceId, reviewed, now);
        await gate.LogAsync(caller, records.Select(r => r.PatientId).Distinct(), "reports.review", AccessOutcome.Allowed, ct);
        return TypedResults.Ok(new Response(reviewed.Count, ids.Except(known).ToList(), refused.Select(PatientWords.NotInBulk).ToList()));
    }
}
