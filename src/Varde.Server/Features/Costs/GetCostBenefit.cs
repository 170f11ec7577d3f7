using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Features.Statistics;

namespace Varde.Server.Features.Costs;

/// <summary>
/// GET /api/statistics/cost-benefit?service={id}&amp;months=6|12[&amp;from=YYYY-MM&amp;to=YYYY-MM]: a follow-up service's net
/// cost and benefit per patient-year (<see cref="CostBenefitFigures"/>): its patients' before-and-after figures priced
/// by the unit costs of their municipalities, against its own costs of the months from–to (by default the twelve whole
/// months before this one) per patient-year followed. For the service's own leader and administrators (a service's costs
/// are its own); aggregates only.
/// </summary>
public sealed class GetCostBenefit([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db, TimeProvider clock)
{
    /// <summary>The figures, whose they are, the price years used, and the caveat.</summary>
    public sealed record CostBenefitReport(Guid ServiceId, string Service, CostBenefitFigures Figures, IReadOnlyList<int> PriceYears, string Caveat);

    public const string Caveat = GetBenefits.Caveat + " The benefit is of the patients whose window is over; the costs are of the months asked for. " +
                                 "Prices are the unit costs entered, in the years they are given in.";

    public static void Map(RouteGroupBuilder statistics) =>
        statistics.MapGet("/cost-benefit", async Task<Results<Ok<CostBenefitReport>, ValidationProblem, ProblemHttpResult>> (Guid? service, int? months,
                string? from, string? to, ClaimsPrincipal user, GetCostBenefit slice, CancellationToken ct) =>
            {
                if (service is { } id && !MaySee(user, id))
                    return Alerts.AlertProblems.ServiceNotFound(id);
                var report = await slice.HandleAsync(service, months ?? 12, from, to, ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetCostBenefit));

    /// <summary>A service's costs are its own: its leader sees them, and administrators every service's.</summary>
    public static bool MaySee(ClaimsPrincipal user, Guid serviceId) =>
        user.IsInRole(nameof(Role.Administrator)) || Alerts.ServiceAccess.WorksFor(user, serviceId);

    public async Task<Validated<CostBenefitReport>> HandleAsync(Guid? service, int months, string? from, string? to, CancellationToken ct)
    {
        if (service is null)
            return Validated<CostBenefitReport>.Fail("service", "Give the follow-up service (service={id}): costs are a service's.");
        if (!BenefitFigures.Windows.Contains(months))
            return Validated<CostBenefitReport>.Fail("months", $"Compare {string.Join(" or ", BenefitFigures.Windows)} months before and after.");
        var today = NorwegianTime.Today(clock.GetUtcNow());
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var span = from is null && to is null ? Validated<CostSpan>.Ok(new CostSpan(thisMonth.AddMonths(-12), thisMonth.AddMonths(-1))) : CostSpan.Of(from, to);
        if (!span.IsValid)
            return Validated<CostBenefitReport>.Fail(span.Errors);
        var scope = await StatisticsScope.ResolveAsync(db, service, null, null, ct);
        if (!scope.IsValid)
            return Validated<CostBenefitReport>.Fail(scope.Errors);

        var earliest = span.Value.From < today.AddYears(-10) ? span.Value.From : today.AddYears(-10);
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, new StatisticsPeriod(earliest, today), ct, PathwayDetail.Dates);
        var use = await ServiceUseRows.LoadAsync(db, scope.Value, ct);
        var windows = BeforeAndAfter.Of(facts.Select(f => (f, use[f.PatientId])), months, today);
        var unitCosts = await db.UnitCosts.AsNoTracking().ToListAsync(ct);
        var costs = await db.ServiceCosts.AsNoTracking().Where(c => c.ServiceId == service && c.Month >= span.Value.From && c.Month <= span.Value.To)
            .ToListAsync(ct);
        var figures = CostBenefitFigures.Of(windows, new UnitPrices(unitCosts), costs, span.Value.From, span.Value.To, facts, today);
        return Validated<CostBenefitReport>.Ok(new CostBenefitReport(service.Value, scope.Value.Name, figures,
            [.. unitCosts.Select(c => c.PriceYear).Distinct().Order()], Caveat));
    }
}
