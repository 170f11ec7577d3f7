using Microsoft.IdentityModel.Tokens;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// Where staff and patients sign in (ADR 0033): HelseID for staff, ID-porten for patients, both OpenID Connect with
/// the authorisation code flow, PKCE and private_key_jwt. Read from configuration (<c>Auth:HelseId</c>,
/// <c>Auth:IdPorten</c>); with <c>Auth:TestProvider:Enabled</c> (tests, <c>--demo</c>) both point at the in-process
/// stand-in instead.
/// </summary>
public sealed class ExternalProviders
{
    public const string HelseIdScheme = "HelseId";
    public const string IdPortenScheme = "IdPorten";

    public ExternalProvider? HelseId { get; init; }

    public ExternalProvider? IdPorten { get; init; }

    /// <summary>Whether staff may still sign in with a user name and password (the login page and the password grant).</summary>
    public bool PasswordSignIn { get; init; }

    /// <summary>
    /// Password sign-in is for the demo and development: it is off once a HelseID authority is configured, unless
    /// <c>Auth:PasswordSignIn</c> says otherwise explicitly.
    /// </summary>
    public static bool PasswordSignInAllowed(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Auth:PasswordSignIn") ?? string.IsNullOrWhiteSpace(configuration["Auth:HelseId:Authority"]);
}

/// <summary>One provider as Varde's client of it: the authority, Varde's client id there and the private key it signs client assertions with.</summary>
public sealed record ExternalProvider(string Scheme, Uri Authority, string ClientId, SecurityKey SigningKey, string RequiredLevel);
