using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// GET /api/admin/gateways and /api/admin/gateways/{id}: the registered device gateways (revoked ones last) with what
/// each sent lately, so a silent gateway stands out. The activity counted in memory is stored first, so it is up to date.
/// </summary>
public sealed class ListGateways(VardeDbContext db, GatewayActivityFlush flush, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/gateways", async (ListGateways slice, CancellationToken ct) => TypedResults.Ok(await slice.HandleAsync(ct)))
            .WithName(nameof(ListGateways))
            .RequireAuthorization(Policies.Administer);
        admin.MapGet("/gateways/{id:guid}", async Task<Results<Ok<GatewayResponse>, NotFound>> (Guid id, ListGateways slice, CancellationToken ct) =>
                await slice.OneAsync(id, ct) is { } gateway ? TypedResults.Ok(gateway) : TypedResults.NotFound())
            .WithName("GetGateway")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<IReadOnlyList<GatewayResponse>> HandleAsync(CancellationToken ct)
    {
        var gateways = await db.DeviceGateways.AsNoTracking().ToListAsync(ct);
        var responses = await ResponsesAsync(gateways, ct);
        return [.. responses.OrderBy(g => g.Revoked).ThenBy(g => g.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true))];
    }

    public async Task<GatewayResponse?> OneAsync(Guid id, CancellationToken ct)
    {
        var gateway = await db.DeviceGateways.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, ct);
        return gateway is null ? null : (await ResponsesAsync([gateway], ct))[0];
    }

    private async Task<List<GatewayResponse>> ResponsesAsync(List<Domain.Devices.DeviceGateway> gateways, CancellationToken ct)
    {
        await flush.FlushAsync(ct);
        var now = clock.GetUtcNow();
        var clientIds = gateways.Select(g => g.ClientId).ToList();
        var serviceIds = gateways.Select(g => g.ServiceId).Distinct().ToList();
        var hours = (await db.GatewayActivity.AsNoTracking().Where(a => clientIds.Contains(a.ClientId)).ToListAsync(ct)).ToLookup(a => a.ClientId);
        var services = await db.Organisations.AsNoTracking().Where(o => serviceIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. gateways.Select(g => GatewayResponse.From(g, services.GetValueOrDefault(g.ServiceId, ""), [.. hours[g.ClientId]], now))];
    }
}
