using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// Registers HelseID (staff) and ID-porten (patients) as OpenID Connect schemes when they are configured or the
/// stand-in provider is on: authorisation code with PKCE, the answer in the query (so Lax cookies work without
/// HTTPS in development), private_key_jwt at the token endpoint, claims kept as the provider names them, and the
/// ID token checked by Varde's clock. What a sign-in becomes is decided in <see cref="ExternalSignInEvents"/>.
/// </summary>
public static class ExternalSignInSetup
{
    public static AuthenticationBuilder AddExternalSignIn(this AuthenticationBuilder authentication, IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var testProvider = TestProviderHost.IsEnabled(configuration);
        if (testProvider)
            RefuseStandInBesideRealProviders(configuration);
        if (testProvider)
        {
            builder.Services.AddSingleton<TestProviderHost>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<TestProviderHost>());
            builder.Services.AddSingleton(sp => sp.GetRequiredService<TestProviderHost>().Providers);
        }
        else
        {
            builder.Services.AddSingleton(sp => FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        }

        builder.Services.AddScoped<StaffFromHelseId>();
        builder.Services.AddScoped<PatientFromIdPorten>();
        var requireHttps = configuration.GetValue("Auth:RequireHttps", false);
        if (testProvider || !string.IsNullOrWhiteSpace(configuration["Auth:HelseId:Authority"]))
            Add(authentication, builder, ExternalProviders.HelseIdScheme, "/signin-helseid", requireHttps && !testProvider);
        if (testProvider || !string.IsNullOrWhiteSpace(configuration["Auth:IdPorten:Authority"]))
            Add(authentication, builder, ExternalProviders.IdPortenScheme, "/pasient/signin-idporten", requireHttps && !testProvider);
        return authentication;
    }

    private static void Add(AuthenticationBuilder authentication, IHostApplicationBuilder builder, string scheme, string callbackPath, bool requireHttpsMetadata)
    {
        authentication.AddOpenIdConnect(scheme, o =>
        {
            o.CallbackPath = callbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            // ASP.NET drops acr by default; the level is what ID-porten sign-in is judged by.
            o.ClaimActions.Remove("acr");
            o.RequireHttpsMetadata = requireHttpsMetadata;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
            // The correlation and nonce cookies' expiry is judged by the browser's clock, so it is written by the real one;
            // the ID token is judged by Varde's clock (below), like everything clinical.
            o.TimeProvider = TimeProvider.System;
            o.TokenValidationParameters.NameClaimType = "name";
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            if (scheme == ExternalProviders.HelseIdScheme)
                foreach (var helseIdScope in StaffFromHelseId.Scopes)
                    o.Scope.Add(helseIdScope);
            o.EventsType = typeof(ExternalSignInEvents);
        });
        builder.Services.AddOptions<OpenIdConnectOptions>(scheme).Configure<ExternalProviders, TimeProvider>((o, providers, clock) =>
        {
            var provider = (scheme == ExternalProviders.HelseIdScheme ? providers.HelseId : providers.IdPorten)
                ?? throw new InvalidOperationException($"{scheme} is not configured.");
            o.Authority = provider.Authority.ToString();
            o.ClientId = provider.ClientId;
            // The ID token's lifetime is judged by Varde's clock (the one tests pin), with the usual five minutes of skew.
            o.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return (notBefore is null || notBefore.Value - parameters.ClockSkew <= now) && expires is { } end && now < end + parameters.ClockSkew;
            };
        });
        builder.Services.AddScoped<ExternalSignInEvents>();
    }

    // The stand-in lets anyone sign in as anyone: it may never run where the real providers are configured, where
    // HTTPS is required (production), or where another machine can reach it.
    private static void RefuseStandInBesideRealProviders(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Auth:HelseId:Authority"]) || !string.IsNullOrWhiteSpace(configuration["Auth:IdPorten:Authority"]))
            throw new InvalidOperationException("Auth:TestProvider:Enabled is on while Auth:HelseId or Auth:IdPorten is configured. The stand-in is for tests and the demo only; turn it off.");
        if (configuration.GetValue("Auth:RequireHttps", false))
            throw new InvalidOperationException("Auth:TestProvider:Enabled is on while Auth:RequireHttps is true (production). The stand-in is for tests and the demo only; turn it off.");
        var url = configuration["Auth:TestProvider:Url"];
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !System.Net.IPAddress.TryParse(uri.Host, out var address) || !System.Net.IPAddress.IsLoopback(address)))
            throw new InvalidOperationException("Auth:TestProvider:Url must be on 127.0.0.1 (the stand-in must not be reachable from other machines).");
    }

    private static ExternalProviders FromConfiguration(IConfiguration configuration) => new()
    {
        HelseId = Provider(configuration.GetSection("Auth:HelseId"), ExternalProviders.HelseIdScheme, "4"),
        IdPorten = Provider(configuration.GetSection("Auth:IdPorten"), ExternalProviders.IdPortenScheme, "idporten-loa-high"),
        PasswordSignIn = ExternalProviders.PasswordSignInAllowed(configuration),
    };

    // Authority, ClientId and PrivateKeyFile (an RSA key in PEM) are required together; RequiredLevel may override the default.
    private static ExternalProvider? Provider(IConfigurationSection section, string scheme, string defaultLevel)
    {
        if (string.IsNullOrWhiteSpace(section["Authority"]))
            return null;
        var clientId = section["ClientId"];
        var keyFile = section["PrivateKeyFile"];
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(keyFile))
            throw new InvalidOperationException($"{section.Path}: Authority is set, so ClientId and PrivateKeyFile (an RSA private key in PEM) must be set too.");
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(keyFile));
        return new ExternalProvider(scheme, new Uri(section["Authority"]!), clientId, new RsaSecurityKey(rsa) { KeyId = section["KeyId"] }, section["RequiredLevel"] ?? defaultLevel);
    }
}
