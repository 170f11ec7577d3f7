using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// POST /api/admin/gateways: an administrator registers a device gateway for a follow-up service. The answer carries its
/// secret, shown this once; Varde keeps only a hash (ADR 0024). The gateway, its OpenIddict client and the audit entry
/// (never the secret) are stored in one transaction.
/// </summary>
public sealed class RegisterGateway(VardeDbContext db, IOpenIddictApplicationManager applications, AdminAudit audit, GatewayStates states, ListGateways list,
    TimeProvider clock)
{
    public sealed record Request(string? ClientId, string? Name, Guid? ServiceId);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/gateways", async (Request request, ClaimsPrincipal user, RegisterGateway slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)).ToHttp(created: true))
            .WithName(nameof(RegisterGateway))
            .RequireAuthorization(Policies.Administer);

    public async Task<GatewayOutcome> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var registered = DeviceGateway.Register(Guid.CreateVersion7(now), request.ClientId, request.Name, request.ServiceId ?? Guid.Empty,
            Callers.From(user).ActorId, now);
        var errors = registered.Errors.ToList();
        var clientId = request.ClientId?.Trim() ?? "";
        if (errors.All(e => e.Field != "clientId") && await TakenAsync(clientId, ct))
            errors.Add(new("clientId", $"The client id {clientId} is taken."));
        if (request.ServiceId is not { } serviceId
            || !await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService && o.DeactivatedAt == null, ct))
            errors.Add(new("serviceId", "Choose the follow-up service in use the gateway sends for."));
        if (errors.Count > 0)
            return new GatewayOutcome.Refused(errors);

        var (gateway, secret) = registered.Value;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            audit.Stage(user, AdminEntityKinds.Gateway, gateway.Id, AdminActions.Created, null, Snapshot(gateway));
            await GatewayRegistration.AddAsync(db, applications, gateway, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new GatewayOutcome.Refused([new("clientId", $"The client id {clientId} is taken.")]);
        }

        states.Changed();
        return new GatewayOutcome.Stored(new(await list.OneAsync(gateway.Id, ct) ?? throw new InvalidOperationException("The gateway was not stored."), secret));
    }

    /// <summary>What the audit log keeps of a gateway: never a secret or a hash, only which secrets there are and how long they count.</summary>
    public static object Snapshot(DeviceGateway g) => new
    {
        g.ClientId, g.Name, g.ServiceId,
        Secrets = g.Secrets.Select(s => new { s.Id, s.CreatedAt, s.ValidUntil }).ToArray(),
        g.RevokedAt,
    };

    private async Task<bool> TakenAsync(string clientId, CancellationToken ct) =>
        await db.DeviceGateways.AnyAsync(g => g.ClientId == clientId, ct) || await applications.FindByClientIdAsync(clientId, ct) is not null;
}
