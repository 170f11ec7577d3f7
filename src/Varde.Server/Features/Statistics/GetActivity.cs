using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// GET /api/statistics/activity?from=&amp;to=[&amp;service=|&amp;municipality=|&amp;healthCommunity=][&amp;ageGroup=]: the activity
/// figures of a follow-up service, a municipality, a health community or (with none of them) the installation, for a
/// period of whole days, of every age or one age group; <c>activity.csv</c> and <c>activity.xlsx</c> give the same as a CSV file and an Excel workbook. Aggregates
/// only, small numbers hidden (<see cref="SmallNumbers"/>); for leaders and administrators.
/// </summary>
public sealed class GetActivity([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db)
{
    /// <summary>The figures and what they are of.</summary>
    public sealed record ActivityReport(string Scope, Guid? Id, string Name, string? AgeGroup, int SmallestShown, ActivityFigures Figures);

    /// <summary>What is asked for: the period, at most one scope, and an age group or none.</summary>
    public sealed record Query(DateOnly? From, DateOnly? To, Guid? Service, Guid? Municipality, Guid? HealthCommunity, string? AgeGroup);

    public static void Map(RouteGroupBuilder statistics)
    {
        statistics.MapGet("/activity", async Task<Results<Ok<ActivityReport>, ValidationProblem>> ([AsParameters] Query query, GetActivity slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(query, ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetActivity));
        statistics.MapGet("/activity.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> ([AsParameters] Query query, GetActivity slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(query, ct);
                return report.IsValid
                    ? TypedResults.File(ActivityCsv.Write(report.Value), "text/csv; charset=utf-8", ActivityCsv.FileName(report.Value))
                    : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .WithName("GetActivityCsv");
        statistics.MapGet("/activity.xlsx", async Task<Results<FileContentHttpResult, ValidationProblem>> ([AsParameters] Query query, GetActivity slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(query, ct);
                return report.IsValid
                    ? TypedResults.File(ActivityXlsx.Write(report.Value), ActivityXlsx.ContentType, ActivityXlsx.FileName(report.Value))
                    : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .Produces<Stream>(StatusCodes.Status200OK, ActivityXlsx.ContentType)
            .WithName("GetActivityXlsx");
    }

    public async Task<Validated<ActivityReport>> HandleAsync(Query query, CancellationToken ct)
    {
        var period = StatisticsPeriod.Of(query.From, query.To);
        if (!period.IsValid)
            return Validated<ActivityReport>.Fail(period.Errors);
        if (query.AgeGroup is { } group && !AgeGroups.All.Contains(group))
            return Validated<ActivityReport>.Fail("ageGroup", $"An age group is one of {string.Join(", ", AgeGroups.All)}.");
        var scope = await StatisticsScope.ResolveAsync(db, query.Service, query.Municipality, query.HealthCommunity, ct);
        if (!scope.IsValid)
            return Validated<ActivityReport>.Fail(scope.Errors);
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, period.Value, ct);
        var population = await PopulationAsync(scope.Value, period.Value, ct);
        var figures = ActivityFigures.Of([.. facts], period.Value, scope.Value.Municipalities, population, query.AgeGroup);
        return Validated<ActivityReport>.Ok(new ActivityReport(scope.Value.Kind, scope.Value.Id, scope.Value.Name, query.AgeGroup, SmallNumbers.Threshold, figures));
    }

    // The population of the scope's municipalities on 1 January of the newest year imported up to the year after the
    // period's last (1 January after a year is its end: ages are taken on the period's last day).
    private async Task<PopulationYear?> PopulationAsync(StatisticsScope scope, StatisticsPeriod period, CancellationToken ct)
    {
        var last = period.To.Year + 1;
        if (await db.PopulationImports.Where(i => i.Year <= last).MaxAsync(i => (int?)i.Year, ct) is not { } year)
            return null;
        var numbers = scope.Municipalities.Select(m => m.Number).ToList();
        return new PopulationYear(year, await db.PopulationCounts.AsNoTracking().Where(c => c.Year == year && numbers.Contains(c.MunicipalityNumber)).ToListAsync(ct));
    }
}
