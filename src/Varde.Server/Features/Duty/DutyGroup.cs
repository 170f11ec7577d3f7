namespace Varde.Server.Features.Duty;

/// <summary>/api/services/{id}/duty: who is on duty in a follow-up service, and going on and off duty.</summary>
public static class DutyGroup
{
    public static IHostApplicationBuilder AddDuty(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StartDuty>();
        builder.Services.AddScoped<EndDuty>();
        builder.Services.AddScoped<GetOnDuty>();
        return builder;
    }

    public static WebApplication MapDuty(this WebApplication app)
    {
        var services = app.MapGroup("/api/services").WithTags("Services");
        StartDuty.Map(services);
        EndDuty.Map(services);
        GetOnDuty.Map(services);
        return app;
    }
}
