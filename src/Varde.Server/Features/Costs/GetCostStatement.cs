using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Organisations;
using Varde.Domain.Statistics;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Auth;
using Varde.Server.Features.Statistics;

namespace Varde.Server.Features.Costs;

/// <summary>
/// GET /api/services/{id}/cost-statement?month=YYYY-MM (and <c>.csv</c>): the month's costs of a follow-up service shared
/// between its municipalities by the agreed key, the amounts adding up to the costs to the øre — what each municipality
/// is invoiced. Refused, with the field, until the key and the month's costs are there (and, by inhabitants, the
/// population figures). By patient-days the statement tells each municipality's patient-days, as any invoice by use
/// must; it is for the service's leader and coordinator, not for the statistics pages.
/// </summary>
public sealed class GetCostStatement([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db)
{
    /// <summary>The statement with the service's name and, by inhabitants, the population year used.</summary>
    public sealed record Statement(Guid ServiceId, string Service, string Month, CostSharingKey Key, decimal Total, int? PopulationYear,
        IReadOnlyList<CostStatementLine> Lines);

    public abstract record Outcome
    {
        public sealed record Made(Statement Statement) : Outcome;

        /// <summary>Not made, with the field and message, and why as a code a screen can put in its own words: <c>month</c>, <c>no-key</c>, <c>no-costs</c>, <c>no-population</c>, <c>shares-outdated</c>, <c>nothing-to-share</c>.</summary>
        public sealed record Refused(IReadOnlyList<ValidationError> Errors, string Reason) : Outcome;

        public sealed record NotYourService : Outcome;
    }

    public static void Map(RouteGroupBuilder services)
    {
        services.MapGet("/{serviceId:guid}/cost-statement", async Task<Results<Ok<Statement>, ValidationProblem, ProblemHttpResult>> (Guid serviceId, string? month,
                ClaimsPrincipal user, GetCostStatement slice, CancellationToken ct) =>
                await slice.HandleAsync(serviceId, month, user, ct) switch
                {
                    Outcome.Made made => TypedResults.Ok(made.Statement),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .WithName(nameof(GetCostStatement))
            .RequireAuthorization(Policies.ServiceCosts);
        services.MapGet("/{serviceId:guid}/cost-statement.csv", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (Guid serviceId,
                string? month, ClaimsPrincipal user, GetCostStatement slice, CancellationToken ct) =>
                await slice.HandleAsync(serviceId, month, user, ct) switch
                {
                    Outcome.Made made => TypedResults.File(Csv(made.Statement), "text/csv; charset=utf-8", $"varde-kostnadsfordeling-{made.Statement.Month}.csv"),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .WithName("GetCostStatementCsv")
            .RequireAuthorization(Policies.ServiceCosts);
    }

    public async Task<Outcome> HandleAsync(Guid serviceId, string? monthText, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Alerts.ServiceAccess.WorksFor(user, serviceId)
            || await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct) is not { } service)
            return new Outcome.NotYourService();
        if (MonthText.Parse(monthText) is not { } month)
            return Refused("month", "Give the month as YYYY-MM.", "month");
        if (await db.CostSharing.AsNoTracking().SingleOrDefaultAsync(a => a.ServiceId == serviceId, ct) is not { } agreement)
            return Refused("key", "No cost sharing key is set for this service (PUT /api/services/{id}/cost-sharing).", "no-key");
        if (await db.ServiceCosts.AsNoTracking().SingleOrDefaultAsync(c => c.ServiceId == serviceId && c.Month == month, ct) is not { } costs)
            return Refused("month", $"No costs are entered for {MonthText.Format(month)}.", "no-costs");

        var municipalities = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Municipality).ToDictionaryAsync(o => o.Id, ct);
        var served = service.ServedMunicipalityIds.Where(municipalities.ContainsKey).Select(id => municipalities[id])
            .OrderBy(m => m.MunicipalityNumber, StringComparer.Ordinal).ToList();
        int? populationYear = null;
        List<CostBasis> bases;
        switch (agreement.Key)
        {
            case CostSharingKey.FixedShares:
                // The shares were agreed for the municipalities served then; if that has changed, they must be agreed again.
                if (!agreement.Shares.Select(x => x.MunicipalityId).ToHashSet().SetEquals(served.Select(m => m.Id)))
                    return Refused("key", "The fixed shares are not for the municipalities the service serves now; agree the shares again.", "shares-outdated");
                bases = [.. agreement.Shares.Select(s => new CostBasis(s.MunicipalityId, municipalities.GetValueOrDefault(s.MunicipalityId)?.Name ?? "", s.Percent))
                    .OrderBy(b => municipalities.GetValueOrDefault(b.MunicipalityId)?.MunicipalityNumber, StringComparer.Ordinal)];
                break;
            case CostSharingKey.PerInhabitant:
                populationYear = await db.PopulationImports.Where(i => i.Year <= month.Year).MaxAsync(i => (int?)i.Year, ct);
                if (populationYear is not { } year)
                    return Refused("month", $"No population figures are imported for {month.Year} or before, so the costs cannot be shared by inhabitants.", "no-population");
                var numbers = served.Select(m => m.MunicipalityNumber).ToList();
                var inhabitants = (await db.PopulationCounts.AsNoTracking().Where(c => c.Year == year && numbers.Contains(c.MunicipalityNumber)).ToListAsync(ct))
                    .GroupBy(c => c.MunicipalityNumber).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
                if (served.FirstOrDefault(m => !inhabitants.ContainsKey(m.MunicipalityNumber!)) is { } without)
                    return Refused("month", $"The population figures of {year} have no inhabitants of {without.Name}.", "no-population");
                bases = [.. served.Select(m => new CostBasis(m.Id, m.Name, inhabitants[m.MunicipalityNumber!]))];
                break;
            default:
                var scope = await StatisticsScope.ResolveAsync(db, serviceId, null, null, ct);
                var facts = await ActivityFacts.LoadAsync(db, scope.Value, new StatisticsPeriod(month, month.AddMonths(1).AddDays(-1)), ct, PathwayDetail.Dates);
                var days = CostStatement.PatientDaysByMunicipality(facts, month);
                bases = [.. served.Select(m => new CostBasis(m.Id, m.Name, days.GetValueOrDefault(m.Id))),
                    .. days.Where(d => d.Value > 0 && served.All(m => m.Id != d.Key))
                        .Select(d => new CostBasis(d.Key, municipalities.GetValueOrDefault(d.Key)?.Name ?? "", d.Value))];
                break;
        }

        var statement = CostStatement.Of(month, agreement.Key, costs.Total, bases);
        return statement.IsValid
            ? new Outcome.Made(new Statement(serviceId, service.Name, MonthText.Format(month), agreement.Key, costs.Total, populationYear, statement.Value.Lines))
            : new Outcome.Refused(statement.Errors, "nothing-to-share");
    }

    private static Outcome.Refused Refused(string field, string message, string reason) => new([new ValidationError(field, message)], reason);

    /// <summary>
    /// The statement for a spreadsheet: one line per municipality, then the total (its per cent the sum of the rounded
    /// lines, which may be 99.99 or 100.01); amounts with a decimal comma.
    /// </summary>
    public static byte[] Csv(Statement s)
    {
        var norwegian = CultureInfo.GetCultureInfo("nb-NO");
        var csv = new StringBuilder();
        SpreadsheetCsv.Line(csv, "tjeneste", "maaned", "nokkel", "kommune", "grunnlag", "andel_prosent", "belop");
        foreach (var line in s.Lines)
        {
            SpreadsheetCsv.Line(csv, s.Service, s.Month, s.Key.ToString(), line.Municipality, line.Basis.ToString("0.##", norwegian),
                line.Percent.ToString("0.00", norwegian), line.Amount.ToString("0.00", norwegian));
        }

        SpreadsheetCsv.Line(csv, s.Service, s.Month, s.Key.ToString(), "sum", "", s.Lines.Sum(l => l.Percent).ToString("0.00", norwegian),
            s.Total.ToString("0.00", norwegian));
        return SpreadsheetCsv.Bytes(csv);
    }
}
