using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// POST /api/alerts/{id}/acknowledge: a nurse takes an open alert. When two nurses acknowledge at once, one wins and
/// the other gets 409 naming who has it (the alert's version decides a true race).
/// </summary>
public sealed class AcknowledgeAlert(VardeDbContext db, AlertAccess access, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapPost("/{alertId:guid}/acknowledge", (Guid alertId, ClaimsPrincipal user, AcknowledgeAlert slice, CancellationToken ct) =>
                slice.HandleAsync(alertId, user, ct))
            .WithName(nameof(AcknowledgeAlert))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> HandleAsync(Guid alertId, ClaimsPrincipal user, CancellationToken ct)
    {
        var alert = await access.OpenForChangeAsync(user, alertId, "alert.acknowledge", ct);
        if (alert is null)
            return AlertProblems.NotFound(alertId);
        var now = clock.GetUtcNow();
        if (alert.Acknowledge(Callers.From(user).ActorId, now) is { } refusal)
            return AlertProblems.Conflict(refusal);
        Outbox.AlertChanged(db, alert, "alert.acknowledged", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The other nurse's acknowledgement was saved first: say who has it.
            await db.Entry(alert).ReloadAsync(ct);
            return AlertProblems.Conflict(alert.Acknowledge(Callers.From(user).ActorId, now)
                ?? "Someone else changed this alert at the same moment; reload it to see who has it.");
        }

        return TypedResults.Ok(AlertResponse.From(alert));
    }
}
