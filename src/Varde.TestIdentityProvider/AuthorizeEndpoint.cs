using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Varde.TestIdentityProvider;

/// <summary>
/// The authorisation endpoint's own part: without a chosen person it shows the sign-in page; with one (the page's form
/// posts back here with the request's parameters) it signs that person in, and OpenIddict answers with the code.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string ChosenField = "test_person";
    public const string NameField = "test_name";
    public const string PidField = "test_pid";
    public const string HprField = "test_hpr";
    public const string LevelField = "test_level";

    public static void Map(WebApplication app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)AuthorizeAsync);
        app.MapMethods("/connect/logout", ["GET", "POST"], () =>
            Results.SignOut(null, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]));
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID request.");
        var kind = context.RequestServices.GetRequiredService<ClientKinds>().ByClientId[request.ClientId!];
        if ((string?)request[ChosenField] != "1")
        {
            var people = await context.RequestServices.GetRequiredService<Func<TestProviderKind, CancellationToken, Task<IReadOnlyList<TestPerson>>>>()(kind, context.RequestAborted);
            return Results.Content(SignInPage.Render(request, kind, people), "text/html; charset=utf-8");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        // Like the real providers, the subject is a pseudonym per client, not the identity number.
        var pid = ((string?)request[PidField])?.Trim() ?? "";
        var name = ((string?)request[NameField])?.Trim() ?? "";
        identity.SetClaim(Claims.Subject, Pseudonym(pid.Length > 0 ? pid : name, request.ClientId!));
        identity.SetClaim(Claims.Name, name);
        var level = ((string?)request[LevelField])?.Trim();
        if (kind == TestProviderKind.HelseId)
        {
            if (pid.Length > 0)
                identity.SetClaim(ProviderClaims.HelseIdPid, pid);
            identity.SetClaim(ProviderClaims.HelseIdSecurityLevel, string.IsNullOrEmpty(level) ? "4" : level);
            identity.SetClaim(ProviderClaims.HelseIdAssuranceLevel, level is "3" ? "substantial" : "high");
            var hpr = ((string?)request[HprField])?.Trim();
            if (!string.IsNullOrEmpty(hpr))
                identity.SetClaim(ProviderClaims.HelseIdHprNumber, hpr);
        }
        else
        {
            if (pid.Length > 0)
                identity.SetClaim(ProviderClaims.IdPortenPid, pid);
            identity.SetClaim(ProviderClaims.Acr, string.IsNullOrEmpty(level) ? ProviderClaims.IdPortenHigh : level);
        }

        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(request.GetScopes());
        return Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static string Pseudonym(string pid, string clientId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + ":" + pid)))[..32];
}
