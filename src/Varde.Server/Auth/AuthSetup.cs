using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Server.Auth.ExternalSignIn;

namespace Varde.Server.Auth;

/// <summary>
/// Staff log in with a cookie (web UI) or get a bearer token with the password grant (API clients); device
/// gateways and integrations use OAuth2 client credentials. Both token kinds come from OpenIddict at /connect/token.
/// Patients have their own cookie for the patient app under /pasient (<see cref="PatientAuth"/>). One policy scheme
/// picks bearer when an Authorization header is present, else the patient cookie under /pasient, else the staff cookie.
/// </summary>
public static partial class AuthSetup
{
    public const string Scheme = "Varde";

    public static IHostApplicationBuilder AddVardeAuth(this IHostApplicationBuilder builder)
    {
        var requireHttps = builder.Configuration.GetValue("Auth:RequireHttps", false);
        var sessionMinutes = builder.Configuration.GetValue("Auth:SessionTimeoutMinutes", 30);
        var keyFolder = builder.Configuration["Auth:KeyFolder"];
        var keysInDatabase = string.Equals(builder.Configuration["Auth:KeyStore"], "database", StringComparison.OrdinalIgnoreCase);
        if (keysInDatabase)
            builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<OpenIddict.Server.OpenIddictServerOptions>, TokenKeysInDatabase>();

        // Cookies, antiforgery tokens and protected links are protected with keys every node reads from the database.
        builder.Services.AddDataProtection().SetApplicationName("Varde").PersistKeysToDbContext<VardeDbContext>();

        builder.Services.AddIdentityCore<StaffAccount>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = StaffSignIn.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = StaffSignIn.LockoutTime;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<VardeDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        // The one-time set-up link of an invited staff member (ADR 0022) is a password-reset token: void once used, and after 3 days.
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));
        builder.Services.AddScoped<StaffSignIn>();


        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                    : PatientAuth.IsPatientPath(ctx.Request.Path)
                        ? PatientAuth.Scheme
                        : IdentityConstants.ApplicationScheme)
            .AddPatientCookie(sessionMinutes);
        authentication.AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/ingen-tilgang";
                o.Cookie.Name = "varde.session";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(sessionMinutes);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.Response, ctx.Request, 401, ctx.RedirectUri);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.Response, ctx.Request, 403, ctx.RedirectUri);
            }));
        authentication.AddExternalSignIn(builder);

        builder.Services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<VardeDbContext>();
                // Device gateways' secrets are Varde's (rotation with overlap, revocation): ADR 0024.
                o.ReplaceApplicationManager<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication, VardeApplicationManager>();
            })
            .AddServer(o =>
            {
                o.SetTokenEndpointUris("connect/token");
                o.AllowClientCredentialsFlow().AllowPasswordFlow().AllowCustomFlow(TokenEndpoint.TabletGrantType).AcceptAnonymousClients();
                // Which scopes a client gets is decided by its role at the token endpoint (SmartScopes), not per client.
                o.DisableScopeValidation().IgnoreScopePermissions();
                // Backend systems' signed JWTs are checked the SMART way (ADR 0045).
                o.AddEventHandler(BackendSystemAssertion.Descriptor);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(sessionMinutes));
                // Keys: in the database (several nodes: TokenKeysInDatabase), in a key folder, or for this process only.
                if (!keysInDatabase && string.IsNullOrWhiteSpace(keyFolder))
                    o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                else if (!keysInDatabase && keyFolder is not null)
                    o.AddSigningKey(TokenKeys.SigningKey(keyFolder)).AddEncryptionKey(TokenKeys.EncryptionKey(keyFolder));
                o.DisableAccessTokenEncryption();
                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!requireHttps)
                    aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        builder.Services.AddAuthorization(Policies.Add);
        return builder;
    }

    /// <summary>
    /// Authentication, then <see cref="ActiveStaffCheck"/> (a deactivated or changed staff member's session or token ends
    /// at once), <see cref="ActiveGatewayCheck"/> (a revoked gateway's or an ended secret's token too) and
    /// <see cref="ActiveTabletCheck"/> (a blocked tablet's token too) and <see cref="ActiveBackendSystemCheck"/> (a revoked backend system's).
    /// </summary>
    public static void UseVardeAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<ActiveStaffCheck>();
        app.UseMiddleware<ActiveGatewayCheck>();
        app.UseMiddleware<ActiveTabletCheck>();
        app.UseMiddleware<ActiveBackendSystemCheck>();
    }

    /// <summary>Says plainly at start-up when bearer tokens and passwords may travel over plain HTTP.</summary>
    public static void WarnIfTokensAllowedOverHttp(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Auth:RequireHttps", false))
            LogInsecureTransport(app.Logger);
    }

    [LoggerMessage(LogLevel.Warning, "Auth:RequireHttps is false: tokens and passwords are accepted over plain HTTP. Use this only on 127.0.0.1 or behind a TLS-terminating proxy.")]
    private static partial void LogInsecureTransport(ILogger logger);

    private static Task ApiAware(HttpResponse response, HttpRequest request, int status, string redirectUri)
    {
        if (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/connect") || request.Path.StartsWithSegments("/fhir"))
        {
            response.StatusCode = status;
            // RFC 6750: a client without a token is told how to authenticate (a bearer token from /connect/token).
            if (status == StatusCodes.Status401Unauthorized)
                response.Headers.WWWAuthenticate = "Bearer realm=\"Varde\"";
        }
        else
            response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
