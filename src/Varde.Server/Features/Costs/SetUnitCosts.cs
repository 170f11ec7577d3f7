using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Costs;

/// <summary>
/// PUT /api/admin/unit-costs: an administrator sets the installation's default unit costs (no <c>municipalityId</c>) or
/// one municipality's own, all of one set at once, with the year of the prices and their source; the set replaces the
/// one before (an empty <c>costs</c> removes a municipality's own, which then falls back to the defaults). Audited with
/// before and after.
/// </summary>
public sealed class SetUnitCosts(VardeDbContext db, AdminAudit audit, GetUnitCosts read, TimeProvider clock)
{
    /// <summary>The prices: service (<c>hospital-admissions</c>, <c>bed-days</c>…) to kroner per unit.</summary>
    public sealed record Request(Guid? MunicipalityId, int PriceYear, string? Source, IReadOnlyDictionary<string, decimal>? Costs);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/unit-costs", async Task<Results<Ok<IReadOnlyList<GetUnitCosts.UnitCostSet>>, ValidationProblem>> (Request request, ClaimsPrincipal user,
                SetUnitCosts slice, CancellationToken ct) =>
            {
                var outcome = await slice.HandleAsync(request, user, ct);
                return outcome.IsValid ? TypedResults.Ok(outcome.Value) : TypedResults.ValidationProblem(outcome.ErrorsByField());
            })
            .WithName(nameof(SetUnitCosts))
            .RequireAuthorization(Policies.Administer);

    public async Task<Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.MunicipalityId is { } id && !await db.Organisations.AnyAsync(o => o.Id == id && o.Kind == OrganisationKind.Municipality, ct))
            return Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>.Fail("municipalityId", $"No municipality {id}.");
        if (request.MunicipalityId is null && request.Costs is not { Count: > 0 })
            return Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>.Fail("costs", "Give the default unit cost of at least one service.");

        var now = clock.GetUtcNow();
        var setBy = Callers.From(user).ActorId;
        var errors = new List<ValidationError>();
        var costs = new List<UnitCost>();
        foreach (var (name, kroner) in request.Costs ?? new Dictionary<string, decimal>())
        {
            if (ServiceKindNames.Parse(name) is not { } kind)
            {
                errors.Add(new($"costs.{name}", $"No service {name}; the services are {ServiceKindNames.All}."));
                continue;
            }

            var cost = UnitCost.Create(Guid.CreateVersion7(now), request.MunicipalityId, kind, kroner, request.PriceYear, request.Source, now, setBy);
            if (cost.IsValid)
                costs.Add(cost.Value);
            else
                errors.AddRange(cost.Errors.Select(e => e.Field.StartsWith("costs.", StringComparison.Ordinal) ? e with { Field = $"costs.{name}" } : e));
        }

        if (costs.GroupBy(c => c.Kind).Any(g => g.Count() > 1))
            errors.Add(new("costs", "Each service has one unit cost."));
        if (costs.Count == 0 && request.Costs is { Count: > 0 } && errors.Count == 0)
            errors.Add(new("costs", "Give at least one unit cost."));
        if (errors.Count > 0)
            return Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>.Fail([.. errors.DistinctBy(e => (e.Field, e.Message))]);

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var stored = await db.UnitCosts.Where(c => c.MunicipalityId == request.MunicipalityId).ToListAsync(ct);
            // The old set goes before the new one comes, so the unique indexes never see both.
            db.UnitCosts.RemoveRange(stored);
            await db.SaveChangesAsync(ct);
            db.UnitCosts.AddRange(costs);
            audit.Stage(user, AdminEntityKinds.UnitCosts, request.MunicipalityId ?? Guid.Empty,
                stored.Count == 0 ? AdminActions.Created : AdminActions.Edited, stored.Count == 0 ? null : Snapshot(stored), costs.Count == 0 ? null : Snapshot(costs));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // Two administrators saving the same set at the same moment: the second is told, and nothing of it is kept.
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>.Fail("costs", "Someone saved these prices at the same moment; load them again and save once more.");
        }

        return Validated<IReadOnlyList<GetUnitCosts.UnitCostSet>>.Ok(await read.HandleAsync(ct));
    }

    private static object[] Snapshot(IEnumerable<UnitCost> costs) =>
        costs.OrderBy(c => c.Kind).Select(object (c) => new { c.Kind, c.Kroner, c.PriceYear, c.Source }).ToArray();
}
