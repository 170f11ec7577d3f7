using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// POST /api/alerts/{id}/handle: records what the nurse did (an action and a note). The reports in the alert count
/// as reviewed. An alert already handled or resolved is a 409.
/// </summary>
public sealed class HandleAlert(VardeDbContext db, AlertAccess access, TimeProvider clock)
{
    public sealed record Request(AlertAction? Action, string? Note);

    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapPost("/{alertId:guid}/handle", (Guid alertId, Request request, ClaimsPrincipal user, HandleAlert slice, CancellationToken ct) =>
                slice.HandleAsync(alertId, request, user, ct))
            .WithName(nameof(HandleAlert))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid alertId, Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (request.Action is not { } action)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["action"] = [$"Say what was done: one of {string.Join(", ", Enum.GetNames<AlertAction>().Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName))}."],
            });
        var alert = await access.OpenForChangeAsync(user, alertId, "alert.handle", ct);
        if (alert is null)
            return AlertProblems.NotFound(alertId);
        var now = clock.GetUtcNow();
        var actor = Callers.From(user).ActorId;
        if (alert.Handle(action, request.Note, actor, now) is { } refusal)
            return alert.IsActive
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = [refusal] })
                : AlertProblems.Conflict(refusal);

        foreach (var record in await db.TriageRecords.Where(r => r.AlertId == alertId && r.ReviewedAt == null).ToListAsync(ct))
            record.MarkReviewed(actor, now);
        Outbox.AlertChanged(db, alert, "alert.handled", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AlertProblems.Conflict("Someone else changed this alert at the same moment; reload it and try again.");
        }

        return TypedResults.Ok(AlertResponse.From(alert));
    }
}
