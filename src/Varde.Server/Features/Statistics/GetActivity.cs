using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// GET /api/statistics/activity?from=&amp;to=[&amp;service=|&amp;municipality=|&amp;healthCommunity=]: the activity figures of a
/// follow-up service, a municipality, a health community or (with none of them) the installation, for a period of whole
/// days. Aggregates only, small numbers hidden (<see cref="SmallNumbers"/>); for leaders and administrators.
/// </summary>
public sealed class GetActivity(VardeDbContext db)
{
    /// <summary>The figures and what they are of.</summary>
    public sealed record ActivityReport(string Scope, Guid? Id, string Name, int SmallestShown, ActivityFigures Figures);

    public static void Map(RouteGroupBuilder statistics) =>
        statistics.MapGet("/activity", (DateOnly? from, DateOnly? to, Guid? service, Guid? municipality, Guid? healthCommunity, GetActivity slice,
                CancellationToken ct) => slice.HandleAsync(from, to, service, municipality, healthCommunity, ct))
            .WithName(nameof(GetActivity));

    public async Task<Results<Ok<ActivityReport>, ValidationProblem>> HandleAsync(DateOnly? from, DateOnly? to, Guid? service, Guid? municipality,
        Guid? healthCommunity, CancellationToken ct)
    {
        var period = StatisticsPeriod.Of(from, to);
        if (!period.IsValid)
            return TypedResults.ValidationProblem(period.ErrorsByField());
        var scope = await StatisticsScope.ResolveAsync(db, service, municipality, healthCommunity, ct);
        if (!scope.IsValid)
            return TypedResults.ValidationProblem(scope.ErrorsByField());
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, period.Value, ct);
        var population = await PopulationAsync(scope.Value, period.Value, ct);
        var figures = ActivityFigures.Of([.. facts], period.Value, scope.Value.Municipalities, population);
        return TypedResults.Ok(new ActivityReport(scope.Value.Kind, scope.Value.Id, scope.Value.Name, SmallNumbers.Threshold, figures));
    }

    // The population of the scope's municipalities on 1 January of the newest year imported up to the period's last year.
    private async Task<PopulationYear?> PopulationAsync(StatisticsScope scope, StatisticsPeriod period, CancellationToken ct)
    {
        var last = period.To.Year;
        if (await db.PopulationImports.Where(i => i.Year <= last).MaxAsync(i => (int?)i.Year, ct) is not { } year)
            return null;
        var numbers = scope.Municipalities.Select(m => m.Number).ToList();
        return new PopulationYear(year, await db.PopulationCounts.AsNoTracking().Where(c => c.Year == year && numbers.Contains(c.MunicipalityNumber)).ToListAsync(ct));
    }
}
