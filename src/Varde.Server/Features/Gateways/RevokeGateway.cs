using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// POST /api/admin/gateways/{id}/revoke: the gateway gets no new token, and its tokens end at their next request (on
/// this node at once, on others within seconds; ADR 0024). Nothing is deleted: its readings keep its client id.
/// </summary>
public sealed class RevokeGateway(VardeDbContext db, AdminAudit audit, GatewayStates states, ListGateways list, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/gateways/{id:guid}/revoke", async (Guid id, ClaimsPrincipal user, RevokeGateway slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(RevokeGateway))
            .RequireAuthorization(Policies.Administer);

    public async Task<GatewayOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var gateway = await db.DeviceGateways.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (gateway is null)
            return new GatewayOutcome.NotFound();
        var before = RegisterGateway.Snapshot(gateway);
        if (gateway.Revoke(Callers.From(user).ActorId, clock.GetUtcNow()))
        {
            audit.Stage(user, AdminEntityKinds.Gateway, id, AdminActions.Revoked, before, RegisterGateway.Snapshot(gateway));
            await db.SaveChangesAsync(ct);
            states.Changed();
        }

        return new GatewayOutcome.Stored(new((await list.OneAsync(id, ct))!, null));
    }
}
