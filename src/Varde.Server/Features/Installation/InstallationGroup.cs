namespace Varde.Server.Features.Installation;

/// <summary>Putting Varde into service: the first start of an installation without demo data.</summary>
public static class InstallationGroup
{
    public static IHostApplicationBuilder AddInstallation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FirstStart>();
        builder.Services.AddScoped<SetUpInstallation>();
        return builder;
    }

    public static WebApplication MapInstallation(this WebApplication app)
    {
        SetUpInstallation.Map(app);
        return app;
    }
}
