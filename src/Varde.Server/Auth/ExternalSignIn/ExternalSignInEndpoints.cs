using Microsoft.AspNetCore.Authentication;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// GET /login/helseid and GET /pasient/logg-inn/idporten send the browser to the provider (404 where it is not
/// configured). The login pages link here; the provider comes back to the schemes' callback paths.
/// </summary>
public static class ExternalSignInEndpoints
{
    public const string StaffPath = "/login/helseid";
    public const string PatientPath = PatientAuth.BasePath + "/logg-inn/idporten";

    public static void Map(WebApplication app)
    {
        app.MapGet(StaffPath, (string? returnUrl, ExternalProviders providers) => providers.HelseId is null
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = Components.UiSetup.LocalUrl(returnUrl) }, [ExternalProviders.HelseIdScheme]))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(PatientPath, (ExternalProviders providers) => providers.IdPorten is null
                ? Results.NotFound()
                : Results.Challenge(new AuthenticationProperties { RedirectUri = PatientAuth.BasePath }, [ExternalProviders.IdPortenScheme]))
            .AllowAnonymous().ExcludeFromDescription();
    }
}
