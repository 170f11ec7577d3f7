using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Alerts;

/// <summary>GET /api/services/{id}/alert-burden?from=&amp;to=: the service's alert-burden figures (no patient data; leaders may read them). Default: the last 7 days.</summary>
public sealed class GetAlertBurden(VardeDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/alert-burden", (Guid serviceId, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user,
                GetAlertBurden slice, CancellationToken ct) => slice.HandleAsync(serviceId, from, to, user, ct))
            .WithName(nameof(GetAlertBurden))
            .RequireAuthorization(Policies.ServiceFigures);

    public async Task<Results<Ok<AlertBurden.Figures>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid serviceId, DateTimeOffset? from,
        DateTimeOffset? to, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ServiceAccess.WorksFor(user, serviceId))
            return AlertProblems.ServiceNotFound(serviceId);
        if (AlertBurden.Period(from, to, clock.GetUtcNow(), TimeSpan.FromDays(7)) is not { } period)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [AlertBurden.PeriodRule] });
        return TypedResults.Ok(await AlertBurden.ComputeAsync(db, serviceId, null, period.From, period.To, ct));
    }
}
