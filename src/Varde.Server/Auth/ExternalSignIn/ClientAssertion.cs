using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// private_key_jwt (RFC 7523, OpenID Connect Core 9): instead of a shared secret, Varde proves it is the client with a
/// short-lived JWT signed by its private key; HelseID requires this. Audience: the provider's issuer.
/// </summary>
public static class ClientAssertion
{
    public const string Type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    public static string Create(string clientId, string audience, SecurityKey key, DateTimeOffset now) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", clientId), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            // HelseID takes at most 60 seconds; 50 leaves room for clocks that differ a little.
            Expires = now.AddSeconds(50).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            // The type the OAuth working group gives client assertions (draft-ietf-oauth-rfc7523bis); OpenIddict and HelseID both take it.
            TokenType = "client-authentication+jwt",
        });
}
