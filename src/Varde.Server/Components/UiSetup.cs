using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Varde.Server.Components;

/// <summary>
/// The clinician web app: Blazor with interactive server rendering for the live screens (worklist, patient view) and
/// static rendering for login. Bokmål is the default language, English the other (a cookie set by /culture/{name});
/// all texts are in <c>Ui.resx</c> / <c>Ui.en.resx</c>.
/// </summary>
public static class UiSetup
{
    public static readonly string[] Cultures = ["nb", "en"];

    public static IHostApplicationBuilder AddVardeUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddLocalization();
        builder.Services.AddSingleton<Slices>();
        return builder;
    }

    /// <summary>Picks the language from the culture cookie only, so a browser's English default does not override bokmål.</summary>
    public static void UseVardeLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions()
            .SetDefaultCulture(Cultures[0])
            .AddSupportedCultures(Cultures)
            .AddSupportedUICultures(Cultures);
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);
    }

    public static void MapVardeUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization();

        // The page's idle timer calls this after the session timeout without keyboard or pointer use.
        app.MapGet("/session/expired", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect("/login?expired=1");
        }).AllowAnonymous();

        // While the user works inside a live page (no page loads), the page calls this now and then so the sliding session stays alive.
        app.MapGet("/session/keepalive", () => Results.NoContent()).RequireAuthorization(Auth.Policies.SignedInStaff);

        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext context) =>
        {
            if (!Cultures.Contains(name))
                return Results.NotFound();
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(name))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true });
            return Results.LocalRedirect(LocalUrl(returnUrl));
        }).AllowAnonymous();
    }

    /// <summary>
    /// A relative URL on this site, or "/" (never an open redirect). Control characters are refused anywhere: browsers
    /// drop a tab or line break, so "/\t/evil.example" would become "//evil.example".
    /// </summary>
    public static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
