using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;
using Varde.Server.Features.Gateways;

namespace Varde.Server.Auth;

/// <summary>
/// OpenIddict's application manager with one change: the client secret of a Varde device gateway is checked against the
/// gateway's own secrets (several during a rotation's overlap, none once revoked; <see cref="GatewayCredentials"/>), not
/// against OpenIddict's single stored hash. Every other client is checked by OpenIddict as before (ADR 0024).
/// </summary>
public sealed class VardeApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    GatewayCredentials gateways)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateClientSecretAsync(OpenIddictEntityFrameworkCoreApplication application, string secret,
        CancellationToken cancellationToken = default) =>
        await gateways.CheckAsync(application.ClientId, secret, cancellationToken) switch
        {
            GatewayCredentials.Outcome.Accepted => true,
            GatewayCredentials.Outcome.NotAGateway => await base.ValidateClientSecretAsync(application, secret, cancellationToken),
            _ => false,
        };
}
