using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Varde.Server.Components;

/// <summary>The web UI: server-rendered Blazor pages (the login page and the signed-in start page for now).</summary>
public static class UiSetup
{
    public static IHostApplicationBuilder AddVardeUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static void MapVardeUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>();
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization();
    }
}
