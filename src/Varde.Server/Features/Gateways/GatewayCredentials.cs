using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Devices;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// Checks a client secret against Varde's gateways (ADR 0024): the secret must be one of the gateway's that counts now,
/// and the gateway not revoked. A refusal is noted in the gateway's activity ("token: …"), so a gateway that stopped
/// because its old secret ended shows why.
/// </summary>
public sealed class GatewayCredentials(VardeDbContext db, GatewayActivity activity, TimeProvider clock)
{
    public abstract record Outcome
    {
        /// <summary>No Varde gateway has this client id (an OpenIddict-only client, checked by OpenIddict as before).</summary>
        public sealed record NotAGateway : Outcome;

        public sealed record Accepted(DeviceGateway Gateway, GatewaySecret Secret) : Outcome;

        public sealed record Refused : Outcome;
    }

    public async Task<Outcome> CheckAsync(string? clientId, string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientId))
            return new Outcome.NotAGateway();
        var gateway = await db.DeviceGateways.AsNoTracking().SingleOrDefaultAsync(g => g.ClientId == clientId, ct);
        if (gateway is null)
            return new Outcome.NotAGateway();
        if (gateway.Accepts(secret, clock.GetUtcNow()) is { } accepted)
            return new Outcome.Accepted(gateway, accepted);
        activity.Refused(gateway.ClientId, gateway.IsRevoked ? "token: revoked" : "token: secret-not-valid");
        return new Outcome.Refused();
    }
}
