using System.Security.Cryptography;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Domain.Devices;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// Stores a new gateway: Varde's row (service, secrets, revocation) and the OpenIddict client it signs in as (ADR 0024).
/// OpenIddict's client carries a random secret nobody is given: the secret check is Varde's
/// (<see cref="Auth.VardeApplicationManager"/>). Saves the context, so run it inside the caller's transaction.
/// </summary>
public static class GatewayRegistration
{
    public static async Task AddAsync(VardeDbContext db, IOpenIddictApplicationManager applications, DeviceGateway gateway, CancellationToken ct)
    {
        db.DeviceGateways.Add(gateway);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = gateway.ClientId,
            ClientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ClientType = OpenIddictConstants.ClientTypes.Confidential,
            DisplayName = gateway.Name,
            Permissions = { OpenIddictConstants.Permissions.Endpoints.Token, OpenIddictConstants.Permissions.GrantTypes.ClientCredentials },
        };
        // OpenIddict's store saves the shared context here, with the gateway row and whatever the caller staged.
        await applications.CreateAsync(descriptor, ct);
        await db.SaveChangesAsync(ct);
    }
}
