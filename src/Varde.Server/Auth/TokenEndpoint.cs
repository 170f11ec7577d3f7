using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Features.Gateways;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Varde.Server.Auth;

/// <summary>
/// POST /connect/token. Client credentials: a registered integration client (a device gateway) gets a token acting
/// for the follow-up service it is registered for, carrying the id of the secret it used (so the token ends with that
/// secret; ADR 0024); a backend system, authenticated by a JWT signed with its private key (<c>private_key_jwt</c>),
/// gets a read-only token acting for its service or department (ADR 0045). Password: a staff member gets a token carrying her role and
/// organisation. Either gets the SMART scopes it asks for that its role allows (all of those when it asks for none;
/// <see cref="SmartScopes"/>). OpenIddict has already checked the client secret when this runs.
/// </summary>
public static class TokenEndpoint
{
    /// <summary>The property on an OpenIddict application that names the organisation the client acts for.</summary>
    public const string OrganisationProperty = "varde_organisation";

    /// <summary>
    /// A patient's own app on an enrolled lent tablet: <c>device_credential</c> (the tablet's "{id}.{secret}") and
    /// <c>pin</c>, checked like the patient app's sign-in (five wrong PINs lock the tablet).
    /// </summary>
    public const string TabletGrantType = "urn:varde:params:oauth:grant-type:tablet";

    public static void Map(WebApplication app) =>
        app.MapPost("/connect/token", ExchangeAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ExchangeAsync(HttpContext context, IOpenIddictApplicationManager applications, GatewayCredentials gateways,
        VardeDbContext db, StaffSignIn staffSignIn, Features.PatientApp.SignInWithPin tablets, ExternalSignIn.ExternalProviders providers,
        CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict request cannot be retrieved.");

        // Where staff sign in with HelseID, passwords are not accepted here either (ADR 0033).
        if (request.IsPasswordGrantType() && !providers.PasswordSignIn)
            return Forbid(Errors.UnsupportedGrantType, "Password sign-in is off: staff sign in with HelseID.");

        ClaimsIdentity? identity = null;
        if (request.IsClientCredentialsGrantType())
            identity = await ForBackendSystemAsync(request, db, ct) ?? await ForClientAsync(request.ClientId!, request.ClientSecret, applications, gateways, ct);
        else if (request.IsPasswordGrantType())
            identity = await ForStaffAsync(request.Username, request.Password, staffSignIn, ct);
        else if (request.GrantType == TabletGrantType)
            identity = await ForTabletAsync((string?)request["device_credential"], (string?)request["pin"], tablets, ct);

        if (identity is null)
            return Forbid(request.IsClientCredentialsGrantType() ? Errors.InvalidClient : Errors.InvalidGrant,
                request.IsClientCredentialsGrantType()
                    ? "The client is not registered for an organisation."
                    : request.GrantType == TabletGrantType
                        ? "The tablet credential or PIN is wrong, or the tablet is locked or blocked."
                        : "The user name or password is wrong, or the account is locked.");

        var role = Enum.Parse<Role>(identity.FindFirst(VardeClaims.Role)!.Value);
        var granted = SmartScopes.Grant(role, request.GetScopes());
        if (granted.Count == 0 && request.GetScopes().Any(s => s.Contains('/', StringComparison.Ordinal)))
            return Forbid(Errors.InvalidScope, $"None of the scopes asked for can be given to this client; it may hold: {string.Join(" ", SmartScopes.AllowedFor(role))}.");
        identity.SetScopes(granted);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // A backend system that signed its request with one of its registered keys (OpenIddict has checked the JWT: the
    // signature against the client's JWKS, iss = sub = client id, aud, exp). Never one that sent a secret: it has none.
    private static async Task<ClaimsIdentity?> ForBackendSystemAsync(OpenIddictRequest request, VardeDbContext db, CancellationToken ct)
    {
        if (request.ClientAssertionType != ClientAssertionTypes.JwtBearer || string.IsNullOrEmpty(request.ClientAssertion))
            return null;
        var system = await db.BackendSystems.AsNoTracking().SingleOrDefaultAsync(b => b.ClientId == request.ClientId && b.RevokedAt == null, ct);
        return system is null
            ? null
            : Callers.Identity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, system.ClientId, system.Name, Role.BackendSystem, system.OrganisationId);
    }

    // A Varde gateway (its secret checked again, for which one it is); else an OpenIddict-only client with its organisation property.
    private static async Task<ClaimsIdentity?> ForClientAsync(string clientId, string? secret, IOpenIddictApplicationManager applications,
        GatewayCredentials gateways, CancellationToken ct)
    {
        switch (await gateways.CheckAsync(clientId, secret, ct))
        {
            case GatewayCredentials.Outcome.Accepted(var gateway, var used):
                var identity = Callers.Identity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, clientId, gateway.Name, Role.DeviceGateway,
                    gateway.ServiceId);
                identity.AddClaim(new Claim(VardeClaims.GatewaySecret, used.Id.ToString()));
                return identity;
            case GatewayCredentials.Outcome.Refused:
                return null;
        }

        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
            return null;
        var properties = await applications.GetPropertiesAsync(application, ct);
        if (!properties.TryGetValue(OrganisationProperty, out var org) || org.ValueKind != JsonValueKind.String
            || !Guid.TryParse(org.GetString(), out var organisationId))
            return null;
        var name = await applications.GetDisplayNameAsync(application, ct) ?? clientId;
        return Callers.Identity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, clientId, name, Role.DeviceGateway, organisationId);
    }

    private static async Task<ClaimsIdentity?> ForStaffAsync(string? userName, string? password, StaffSignIn staffSignIn, CancellationToken ct)
    {
        var (staff, _) = await staffSignIn.CheckAsync(userName, password, ct);
        return staff is null
            ? null
            : Callers.Identity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, staff.Id.ToString(), staff.Name, staff.Role, staff.OrganisationId);
    }

    private static async Task<ClaimsIdentity?> ForTabletAsync(string? credential, string? pin, Features.PatientApp.SignInWithPin tablets, CancellationToken ct)
    {
        var dot = credential?.IndexOf('.') ?? -1;
        if (dot <= 0 || !Guid.TryParseExact(credential![..dot], "N", out var deviceId))
            return null;
        var (outcome, patient, device) = await tablets.CheckAsync(deviceId, credential[(dot + 1)..], pin, ct);
        if (outcome != Features.PatientApp.SignInWithPin.Outcome.SignedIn)
            return null;
        var identity = Callers.Identity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, patient!.Id.ToString(), patient.Name, Role.Patient,
            patient.FollowUpServiceId);
        identity.AddClaim(new Claim(PatientAuth.DeviceClaim, device!.Value.ToString()));
        return identity;
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
