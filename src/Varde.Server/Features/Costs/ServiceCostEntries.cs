using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Auth;

namespace Varde.Server.Features.Costs;

/// <summary>
/// GET /api/services/{id}/costs?from=YYYY-MM&amp;to=YYYY-MM: a follow-up service's own costs month by month, each with its
/// total, and the months of the span that have none entered. For the service's leader and coordinator.
/// </summary>
public sealed class GetServiceCosts(VardeDbContext db)
{
    /// <summary>One month's costs as entered, with the total (staff hours × cost per hour, to the øre, plus the rest).</summary>
    public sealed record MonthCosts(string Month, decimal StaffHours, decimal StaffHourCost, decimal Equipment, decimal Licences, decimal Other,
        decimal Total, string? Note, DateTimeOffset SetAt);

    public sealed record ServiceCosts(Guid ServiceId, string From, string To, IReadOnlyList<MonthCosts> Months, IReadOnlyList<string> MonthsWithoutCosts);

    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/costs", async Task<Results<Ok<ServiceCosts>, ValidationProblem, ProblemHttpResult>> (Guid serviceId, string? from,
                string? to, ClaimsPrincipal user, GetServiceCosts slice, CancellationToken ct) =>
            {
                if (!Alerts.ServiceAccess.WorksFor(user, serviceId))
                    return Alerts.AlertProblems.ServiceNotFound(serviceId);
                var span = CostSpan.Of(from, to);
                return span.IsValid ? TypedResults.Ok(await slice.HandleAsync(serviceId, span.Value, ct)) : TypedResults.ValidationProblem(span.ErrorsByField());
            })
            .WithName(nameof(GetServiceCosts))
            .RequireAuthorization(Policies.ServiceCosts);

    public async Task<ServiceCosts> HandleAsync(Guid serviceId, CostSpan span, CancellationToken ct)
    {
        var months = await db.ServiceCosts.AsNoTracking().Where(c => c.ServiceId == serviceId && c.Month >= span.From && c.Month <= span.To)
            .OrderBy(c => c.Month).ToListAsync(ct);
        return new ServiceCosts(serviceId, MonthText.Format(span.From), MonthText.Format(span.To),
            [.. months.Select(Of)], [.. span.Months().Where(m => months.All(c => c.Month != m)).Select(MonthText.Format)]);
    }

    public static MonthCosts Of(ServiceCostMonth c) =>
        new(MonthText.Format(c.Month), c.StaffHours, c.StaffHourCost, c.Equipment, c.Licences, c.Other, c.Total, c.Note, c.SetAt);
}

/// <summary>Whole months from one to another (both included), at most ten years.</summary>
public sealed record CostSpan(DateOnly From, DateOnly To)
{
    public IEnumerable<DateOnly> Months()
    {
        for (var m = From; m <= To; m = m.AddMonths(1))
            yield return m;
    }

    public static Validated<CostSpan> Of(string? from, string? to)
    {
        if (MonthText.Parse(from) is not { } first)
            return Validated<CostSpan>.Fail("from", "Give the first month (from=YYYY-MM).");
        if (MonthText.Parse(to) is not { } last)
            return Validated<CostSpan>.Fail("to", "Give the last month (to=YYYY-MM).");
        if (last < first)
            return Validated<CostSpan>.Fail("to", "The last month cannot be before the first.");
        return last > first.AddMonths(119) ? Validated<CostSpan>.Fail("to", "At most 120 months at a time.") : Validated<CostSpan>.Ok(new CostSpan(first, last));
    }
}
