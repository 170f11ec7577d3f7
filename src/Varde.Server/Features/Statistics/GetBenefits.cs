using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Services;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// GET /api/statistics/benefits?months=6|12[&amp;service=|&amp;municipality=|&amp;healthCommunity=]: service use in the months
/// before and after follow-up started, from imported registry extracts (<see cref="BenefitFigures"/>), with the
/// patients behind each figure and a 95 % interval; not a controlled comparison. For leaders and administrators.
/// </summary>
public sealed class GetBenefits([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db, TimeProvider clock)
{
    /// <summary>The figures, what they are of, and the caveat that goes with them.</summary>
    public sealed record BenefitReport(string Scope, Guid? Id, string Name, BenefitFigures Figures, string Caveat);

    public const string Caveat = "Before and after is not a controlled comparison: patients are often taken on after a bad spell, so some of the change " +
                                 "would have come anyway, and no one is compared with patients who were not followed up.";

    public static void Map(RouteGroupBuilder statistics) =>
        statistics.MapGet("/benefits", async Task<Results<Ok<BenefitReport>, ValidationProblem>> (int? months, Guid? service, Guid? municipality,
                Guid? healthCommunity, GetBenefits slice, CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(months ?? 12, service, municipality, healthCommunity, ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetBenefits));

    public async Task<Validated<BenefitReport>> HandleAsync(int months, Guid? service, Guid? municipality, Guid? healthCommunity, CancellationToken ct)
    {
        if (!BenefitFigures.Windows.Contains(months))
            return Validated<BenefitReport>.Fail("months", $"Compare {string.Join(" or ", BenefitFigures.Windows)} months before and after.");
        var scope = await StatisticsScope.ResolveAsync(db, service, municipality, healthCommunity, ct);
        if (!scope.IsValid)
            return Validated<BenefitReport>.Fail(scope.Errors);
        var today = NorwegianTime.Today(clock.GetUtcNow());
        // Every pathway that started in the last ten years (a window is at most a year).
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, new StatisticsPeriod(today.AddYears(-10), today), ct, PathwayDetail.Dates);
        var use = await ServiceUseRows.LoadAsync(db, scope.Value, ct);
        var figures = BenefitFigures.Of(facts.Select(f => (f, use[f.PatientId])), months, today);
        return Validated<BenefitReport>.Ok(new BenefitReport(scope.Value.Kind, scope.Value.Id, scope.Value.Name, figures, Caveat));
    }
}
