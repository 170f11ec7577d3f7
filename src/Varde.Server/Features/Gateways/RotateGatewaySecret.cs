using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// POST /api/admin/gateways/{id}/rotate: a new secret (shown this once), while the ones before it keep working for the
/// overlap (0–720 hours, default 24) so the gateway can be changed over without a gap; after that only the new one
/// works, and tokens issued for an old one end too (ADR 0024).
/// </summary>
public sealed class RotateGatewaySecret(VardeDbContext db, AdminAudit audit, GatewayStates states, ListGateways list, TimeProvider clock)
{
    public const int DefaultOverlapHours = 24;

    public sealed record Request(int? OverlapHours);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/gateways/{id:guid}/rotate", async (Guid id, Request? request, ClaimsPrincipal user, RotateGatewaySecret slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request ?? new(null), user, ct)).ToHttp())
            .WithName(nameof(RotateGatewaySecret))
            .RequireAuthorization(Policies.Administer);

    public async Task<GatewayOutcome> HandleAsync(Guid id, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var gateway = await db.DeviceGateways.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (gateway is null)
            return new GatewayOutcome.NotFound();
        var before = RegisterGateway.Snapshot(gateway);
        var secret = gateway.Rotate(TimeSpan.FromHours(request.OverlapHours ?? DefaultOverlapHours), clock.GetUtcNow());
        if (!secret.IsValid)
            return new GatewayOutcome.Refused(secret.Errors);

        audit.Stage(user, AdminEntityKinds.Gateway, id, AdminActions.SecretRotated, before, RegisterGateway.Snapshot(gateway));
        await db.SaveChangesAsync(ct);
        states.Changed();
        return new GatewayOutcome.Stored(new((await list.OneAsync(id, ct))!, secret.Value));
    }
}
