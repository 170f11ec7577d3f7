using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Organisations;

/// <summary>GET /api/admin/organisations: every organisation, by kind and name; deactivated ones too unless <c>activeOnly</c>.</summary>
public sealed class ListOrganisations(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/organisations", async (bool? activeOnly, ListOrganisations slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(activeOnly == true, ct)))
            .WithName(nameof(ListOrganisations))
            .RequireAuthorization(Policies.Administer);

    public async Task<IReadOnlyList<OrganisationResponse>> HandleAsync(bool activeOnly, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Where(o => !activeOnly || o.DeactivatedAt == null).ToListAsync(ct);
        return organisations.OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true))
            .Select(OrganisationResponse.From).ToList();
    }

    /// <summary>One organisation, or null.</summary>
    public async Task<OrganisationResponse?> OneAsync(Guid id, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } o ? OrganisationResponse.From(o) : null;
}
