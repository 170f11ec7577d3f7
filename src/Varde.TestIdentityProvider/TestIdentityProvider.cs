using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Varde.TestIdentityProvider;

/// <summary>
/// A real OpenID provider (OpenIddict's server on Kestrel, 127.0.0.1) that stands in for HelseID and ID-porten: the
/// authorisation code flow with PKCE required, clients authenticated with private_key_jwt only, codes used once, and
/// the claims the real providers issue. Instead of BankID it shows a page where one picks a person. Varde starts it in
/// tests and in <c>--demo</c> (ADR 0033); production points Varde at the real providers.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _keepAlive;

    private TestIdentityProvider(WebApplication app, SqliteConnection keepAlive, Uri authority, TestFaults faults)
    {
        _app = app;
        _keepAlive = keepAlive;
        Authority = authority;
        Faults = faults;
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Authority { get; }

    public TestFaults Faults { get; }

    /// <param name="url">Where to listen, e.g. <c>http://127.0.0.1:0</c> for a free port.</param>
    /// <param name="clock">The clock tokens are dated by: the same as the relying party's, so tests can pin it.</param>
    /// <param name="clients">The relying parties (Varde's staff and patient sign-in), each with its public key.</param>
    /// <param name="people">The people offered on the sign-in page (the page also takes any other person typed in).</param>
    /// <param name="ct">Cancels the start.</param>
    public static async Task<TestIdentityProvider> StartAsync(string url, TimeProvider clock, IReadOnlyList<TestClient> clients,
        Func<TestProviderKind, CancellationToken, Task<IReadOnlyList<TestPerson>>> people, CancellationToken ct)
    {
        var keepAlive = new SqliteConnection($"Data Source=test-idp-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        await keepAlive.OpenAsync(ct);
        var faults = new TestFaults();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(faults);
        builder.Services.AddSingleton(new ClientKinds(clients.ToDictionary(c => c.ClientId, c => c.Kind)));
        builder.Services.AddSingleton(people);
        builder.Services.AddDbContext<ProviderDbContext>(o => o.UseSqlite(keepAlive.ConnectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>();
                o.Configure(options => options.TimeProvider = clock);
            })
            .AddServer(o =>
            {
                o.Configure(options => options.TimeProvider = clock);
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/logout");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes([Scopes.OpenId, Scopes.Profile, .. ProviderClaims.HelseIdScopes]);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(h => h.UseSingletonHandler<ApplyTestFaults>()
                    .SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        AuthorizeEndpoint.Map(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync(ct);
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            foreach (var client in clients)
                await applications.CreateAsync(Describe(client), ct);
        }

        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIdentityProvider(app, keepAlive, new Uri(address.TrimEnd('/') + "/"), faults);
    }

    /// <summary>
    /// Lets a client send people back to this address after sign-in (or sign-out). A real provider has it registered by
    /// hand; the stand-in learns the relying party's address when it is first used, since tests and the demo pick ports.
    /// </summary>
    public async Task AllowRedirectAsync(string clientId, Uri redirectUri, CancellationToken ct)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, ct) ?? throw new InvalidOperationException($"No client {clientId}.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        if (descriptor.RedirectUris.Contains(redirectUri) && descriptor.PostLogoutRedirectUris.Contains(redirectUri))
            return;
        descriptor.RedirectUris.Add(redirectUri);
        descriptor.PostLogoutRedirectUris.Add(redirectUri);
        await applications.UpdateAsync(application, descriptor, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }

    private static OpenIddictApplicationDescriptor Describe(TestClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.ClientId,
            JsonWebKeySet = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(JsonSerializer.Serialize(new { keys = new[] { client.PublicKey } })),
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (client.Kind == TestProviderKind.HelseId)
            foreach (var scope in ProviderClaims.HelseIdScopes)
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        return descriptor;
    }
}

/// <summary>Which kind each client id is, for the sign-in page and the claims.</summary>
internal sealed record ClientKinds(IReadOnlyDictionary<string, TestProviderKind> ByClientId);
