using Hl7.Fhir.Model;
using Varde.Domain.Access;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// SMART discovery: <c>/.well-known/smart-configuration</c> under the FHIR base (and at the root, where some clients
/// look), anonymous, per SMART App Launch 2 — the token endpoint, the grants and client authentication Varde takes,
/// every scope a client can hold, and the capabilities (shared secrets for gateways, <c>private_key_jwt</c> for backend
/// systems, ADR 0045); and the CapabilityStatement's <c>rest.security</c> (the
/// SMART-on-FHIR service code, the token endpoint in its description). Varde has no authorization endpoint: it serves
/// backend systems (client credentials) and its own staff and patient clients, not EHR launch — so the legacy
/// oauth-uris extension, which requires one, is not given (the validator refuses it without <c>authorize</c>).
/// </summary>
public static class SmartConfiguration
{
    public sealed record Document(
        string Issuer,
        string TokenEndpoint,
        IReadOnlyList<string> GrantTypesSupported,
        IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
        IReadOnlyList<string> TokenEndpointAuthSigningAlgValuesSupported,
        IReadOnlyList<string> ScopesSupported,
        IReadOnlyList<string> Capabilities);

    public static void Map(WebApplication app, RouteGroupBuilder fhir)
    {
        app.MapGet("/.well-known/smart-configuration", (HttpRequest request) => TypedResults.Json(For(request), Json)).AllowAnonymous()
            .WithName("SmartConfiguration").WithTags("FHIR");
        fhir.MapGet("/.well-known/smart-configuration", (HttpRequest request) => TypedResults.Json(For(request), Json)).AllowAnonymous()
            .WithName("FhirSmartConfiguration");
    }

    public static Document For(HttpRequest request)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var scopes = new[] { Role.DeviceGateway, Role.BackendSystem, Role.Nurse, Role.Patient }.SelectMany(SmartScopes.AllowedFor).Distinct().ToList();
        return new Document(root, TokenEndpoint(root), ["client_credentials", "password", Auth.TokenEndpoint.TabletGrantType],
            ["client_secret_post", "client_secret_basic", "private_key_jwt"], ["RS384", "ES384", "RS256", "ES256"], scopes,
            ["client-confidential-symmetric", "client-confidential-asymmetric", "permission-v1", "permission-v2"]);
    }

    public static string TokenEndpoint(string root) => root + "/connect/token";

    /// <summary>The CapabilityStatement's rest.security: SMART on FHIR, with the token endpoint.</summary>
    public static CapabilityStatement.SecurityComponent Security(string root)
    {
        var security = new CapabilityStatement.SecurityComponent
        {
            Description = $"OAuth2 bearer tokens from {TokenEndpoint(root)} with SMART scopes (see {root}/fhir/.well-known/smart-configuration): client "
                + "credentials for gateways (shared secret) and backend systems (private_key_jwt, SMART Backend Services), the password grant for staff clients. Without a token: 401 with WWW-Authenticate: Bearer; "
                + "a scope that cannot be given: invalid_scope.",
        };
        security.Service.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR"));
        return security;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };
}
