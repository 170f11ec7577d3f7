using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.BackendSystems;

/// <summary>GET /api/admin/backend-systems and /api/admin/backend-systems/{id}: the registered backend systems, revoked ones last.</summary>
public sealed class ListBackendSystems(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/backend-systems", async (ListBackendSystems slice, CancellationToken ct) => TypedResults.Ok(await slice.HandleAsync(ct)))
            .WithName(nameof(ListBackendSystems))
            .RequireAuthorization(Policies.Administer);
        admin.MapGet("/backend-systems/{id:guid}", async Task<Results<Ok<BackendSystemResponse>, NotFound>> (Guid id, ListBackendSystems slice, CancellationToken ct) =>
                await slice.OneAsync(id, ct) is { } system ? TypedResults.Ok(system) : TypedResults.NotFound())
            .WithName("GetBackendSystem")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<IReadOnlyList<BackendSystemResponse>> HandleAsync(CancellationToken ct) =>
        [.. (await ResponsesAsync(db.BackendSystems, ct)).OrderBy(b => b.Revoked).ThenBy(b => b.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true))];

    public async Task<BackendSystemResponse?> OneAsync(Guid id, CancellationToken ct) =>
        (await ResponsesAsync(db.BackendSystems.Where(b => b.Id == id), ct)).SingleOrDefault();

    private async Task<List<BackendSystemResponse>> ResponsesAsync(IQueryable<Domain.Integrations.BackendSystem> query, CancellationToken ct)
    {
        var systems = await query.AsNoTracking().ToListAsync(ct);
        var organisationIds = systems.Select(s => s.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. systems.Select(s => BackendSystemResponse.From(s, names.GetValueOrDefault(s.OrganisationId, "")))];
    }
}
