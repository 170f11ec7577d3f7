namespace Varde.TestIdentityProvider;

/// <summary>The claim names and values the real providers use (HelseID's and ID-porten's documentation), issued the same way here.</summary>
public static class ProviderClaims
{
    public const string HelseIdPid = "helseid://claims/identity/pid";
    public const string HelseIdSecurityLevel = "helseid://claims/identity/security_level";
    public const string HelseIdAssuranceLevel = "helseid://claims/identity/assurance_level";
    public const string HelseIdHprNumber = "helseid://claims/hpr/hpr_number";

    public const string IdPortenPid = "pid";
    public const string Acr = "acr";
    public const string IdPortenHigh = "idporten-loa-high";
    public const string IdPortenSubstantial = "idporten-loa-substantial";

    public static readonly string[] HelseIdScopes =
        ["helseid://scopes/identity/pid", "helseid://scopes/identity/security_level", "helseid://scopes/identity/assurance_level", "helseid://scopes/hpr/hpr_number"];
}
