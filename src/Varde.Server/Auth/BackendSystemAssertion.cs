using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Varde.Data;
using Varde.Domain.Integrations;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Varde.Server.Auth;

/// <summary>
/// Checks a backend system's client assertion (<c>private_key_jwt</c>) at the token endpoint the way SMART Backend
/// Services asks, in place of OpenIddict's own check (which wants RFC 7523bis's <c>typ</c> and audience, which SMART
/// clients do not send; ADR 0045): header <c>typ</c> JWT (or <c>client-authentication+jwt</c>), <c>alg</c> RS384, ES384,
/// RS256 or ES256, signed by a key of the system's registered JWKS (by <c>kid</c>); <c>iss</c> = <c>sub</c> = a
/// registered, unrevoked system's client id; <c>aud</c> the token endpoint's URL at the server's public address
/// (<c>Auth:PublicUrl</c>; a <c>client-authentication+jwt</c> may name the server itself, as RFC 7523bis has it);
/// <c>exp</c> in the future and at most five minutes away on Varde's clock; a <c>jti</c> never used before (kept until
/// it expires, unique across nodes). A failure is <c>invalid_client</c> with the reason. On success OpenIddict goes on
/// with the principal this makes (client id, type and permissions are its to check).
/// </summary>
public sealed class BackendSystemAssertion(VardeDbContext db, TimeProvider clock, IConfiguration configuration) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(60);
    private static readonly string[] Types = ["JWT", "client-authentication+jwt"];
    private static readonly string[] Algorithms =
        [SecurityAlgorithms.RsaSha384, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<BackendSystemAssertion>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType != OpenIddictServerEndpointType.Token || string.IsNullOrEmpty(context.ClientAssertion))
            return;
        // Varde checks every client assertion here; OpenIddict's check is not run.
        context.ValidateClientAssertion = false;
        (ClaimsPrincipal? Principal, string? Problem) checkedAssertion;
        try
        {
            checkedAssertion = await CheckAsync(context.ClientAssertion, context.ClientAssertionType, PublicRoot(context.BaseUri), context.CancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SecurityTokenException or System.Text.Json.JsonException)
        {
            // A value that only looks like a JWT (three dots, a JWE, an exp that is not a number): refused, never a 500.
            checkedAssertion = (null, "The client assertion is not a signed JWT Varde can read.");
        }

        var (principal, problem) = checkedAssertion;
        if (principal is null)
        {
            context.Reject(error: Errors.InvalidClient, description: problem);
            return;
        }

        context.ClientAssertionPrincipal = principal;
    }

    /// <summary>
    /// The server's public address, which the assertion's audience must name: <c>Auth:PublicUrl</c> when set (as it
    /// should be in production, so a Host header cannot choose the audience that is accepted), else the request's own.
    /// </summary>
    private string PublicRoot(Uri? baseUri) =>
        (configuration["Auth:PublicUrl"] is { Length: > 0 } configured ? configured : baseUri?.AbsoluteUri ?? "").TrimEnd('/');

    private async Task<(ClaimsPrincipal? Principal, string? Problem)> CheckAsync(string assertion, string? assertionType, string root, CancellationToken ct)
    {
        if (assertionType != ClientAssertionTypes.JwtBearer)
            return (null, $"client_assertion_type must be {ClientAssertionTypes.JwtBearer}.");
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
            return (null, "The client assertion is not a JWT.");
        var token = handler.ReadJsonWebToken(assertion);
        var clientId = token.Issuer;
        var system = string.IsNullOrEmpty(clientId) ? null
            : await db.BackendSystems.AsNoTracking().SingleOrDefaultAsync(b => b.ClientId == clientId && b.RevokedAt == null, ct);
        if (system is null)
            return (null, "The client assertion's iss is not a registered backend system.");

        // SMART's audience is the token URL; RFC 7523bis's typed assertion may name the server (issuer) instead.
        var audiences = token.Typ == "client-authentication+jwt" ? new[] { root + "/connect/token", root, root + "/" } : [root + "/connect/token"];
        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = system.ClientId,
            ValidAudiences = audiences,
            IssuerSigningKeys = new JsonWebKeySet(system.Keys).GetSigningKeys(),
            ValidTypes = Types,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            // The lifetime is checked below on Varde's clock, not the machine's.
            ValidateLifetime = false,
            RequireExpirationTime = true,
        });
        if (!result.IsValid)
            return (null, "The client assertion was refused: " + Reason(result.Exception));
        if (token.Subject != system.ClientId)
            return (null, "The client assertion's sub must be its iss (the client id).");

        var now = clock.GetUtcNow();
        var expires = new DateTimeOffset(token.ValidTo, TimeSpan.Zero);
        if (expires <= now - Skew)
            return (null, "The client assertion has expired.");
        if (expires > now + LongestLifetime + Skew)
            return (null, $"The client assertion's exp is more than {LongestLifetime.TotalMinutes:0} minutes away.");
        if (token.TryGetPayloadValue<long>("nbf", out var notBefore) && DateTimeOffset.FromUnixTimeSeconds(notBefore) > now + Skew)
            return (null, "The client assertion is not valid yet (nbf).");
        if (token.Id is not { Length: > 0 and <= UsedClientAssertion.MaxJtiLength } jti)
            return (null, $"The client assertion needs a jti of 1 to {UsedClientAssertion.MaxJtiLength} characters.");
        if (!await UseOnceAsync(system.ClientId, jti, expires, now, ct))
            return (null, "This client assertion was used before (jti): sign a new one for each token request.");

        var identity = new ClaimsIdentity("client_assertion");
        identity.AddClaim(new Claim(Claims.Issuer, system.ClientId));
        identity.AddClaim(new Claim(Claims.Subject, system.ClientId));
        identity.AddClaim(new Claim(Claims.Audience, token.Audiences.First()));
        // OpenIddict's later checks read the audience and the expiry from its own (private) claims, as its token validation maps them.
        identity.AddClaim(new Claim(Claims.Private.Audience, token.Audiences.First()));
        identity.AddClaim(new Claim(Claims.Private.ExpirationDate, expires.UtcDateTime.ToString("r", System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(Claims.ExpiresAt, token.GetPayloadValue<long>("exp").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ClaimValueTypes.Integer64));
        identity.AddClaim(new Claim(Claims.JwtId, jti));
        return (new ClaimsPrincipal(identity), null);
    }

    // The jti is stored with the token request; a second use meets the unique key. Expired ones are cleared on the way.
    private async Task<bool> UseOnceAsync(string clientId, string jti, DateTimeOffset expires, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - Skew;
        await db.UsedClientAssertions.Where(a => a.ExpiresAt < cutoff).ExecuteDeleteAsync(ct);
        db.UsedClientAssertions.Add(new UsedClientAssertion(clientId, jti, expires));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static string Reason(Exception? e) => e switch
    {
        SecurityTokenSignatureKeyNotFoundException => "no registered key has its kid.",
        SecurityTokenInvalidSignatureException => "the signature does not match the registered key.",
        SecurityTokenInvalidAudienceException => "aud must be the token endpoint's URL.",
        SecurityTokenInvalidTypeException => "the header's typ must be JWT.",
        SecurityTokenInvalidAlgorithmException => "alg must be RS384, ES384, RS256 or ES256.",
        SecurityTokenInvalidIssuerException => "iss must be the client id.",
        _ => "it cannot be validated.",
    };
}
