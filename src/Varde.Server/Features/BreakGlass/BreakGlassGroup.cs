namespace Varde.Server.Features.BreakGlass;

/// <summary>Emergency access (break-glass, ADR 0035): opened by clinicians with a reason, reviewed by the service's leader.</summary>
public static class BreakGlassGroup
{
    public static IHostApplicationBuilder AddBreakGlass(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<OpenBreakGlass>();
        builder.Services.AddScoped<ListBreakGlass>();
        builder.Services.AddScoped<ReviewBreakGlass>();
        return builder;
    }

    public static void MapBreakGlass(this WebApplication app)
    {
        OpenBreakGlass.Map(app);
        ListBreakGlass.Map(app);
        ReviewBreakGlass.Map(app);
    }
}
