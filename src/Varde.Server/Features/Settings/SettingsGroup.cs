namespace Varde.Server.Features.Settings;

/// <summary>/api/admin/services/{id}/settings: a follow-up service's settings, for administrators.</summary>
public static class SettingsGroup
{
    public static IHostApplicationBuilder AddServiceSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<GetServiceSettings>();
        builder.Services.AddScoped<ChangeServiceSettings>();
        return builder;
    }

    public static WebApplication MapServiceSettings(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        GetServiceSettings.Map(admin);
        ChangeServiceSettings.Map(admin);
        return app;
    }
}
