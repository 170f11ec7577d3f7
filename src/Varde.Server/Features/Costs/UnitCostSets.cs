using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Costs;

/// <summary>
/// GET /api/admin/unit-costs: the unit costs benefits are priced by, as sets: the installation's defaults
/// (<c>municipalityId</c> null) and each municipality's own, with the year of the prices and their source.
/// </summary>
public sealed class GetUnitCosts(VardeDbContext db)
{
    /// <summary>One scope's prices: kroner per unit of each service priced.</summary>
    public sealed record UnitCostSet(Guid? MunicipalityId, string? Municipality, int PriceYear, string Source, DateTimeOffset SetAt,
        IReadOnlyDictionary<string, decimal> Costs);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/unit-costs", async Task<Ok<IReadOnlyList<UnitCostSet>>> (GetUnitCosts slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(ct)))
            .WithName(nameof(GetUnitCosts))
            .RequireAuthorization(Policies.Administer);

    public async Task<IReadOnlyList<UnitCostSet>> HandleAsync(CancellationToken ct)
    {
        var costs = await db.UnitCosts.AsNoTracking().ToListAsync(ct);
        var ids = costs.Where(c => c.MunicipalityId is not null).Select(c => c.MunicipalityId!.Value).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. costs.GroupBy(c => c.MunicipalityId)
            .Select(g => new UnitCostSet(g.Key, g.Key is { } id ? names.GetValueOrDefault(id) : null, g.First().PriceYear, g.First().Source,
                g.Max(c => c.SetAt), g.OrderBy(c => c.Kind).ToDictionary(c => ServiceKindNames.Of(c.Kind), c => c.Kroner)))
            .OrderBy(s => s.MunicipalityId is not null).ThenBy(s => s.Municipality, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))];
    }
}
