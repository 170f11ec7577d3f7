using Varde.Server.Auth;

namespace Varde.Server.Features.Costs;

/// <summary>
/// The cost model (issue 21 item 5, docs/statistics.md): unit costs the benefits are priced by, each follow-up service's
/// own costs and the key its municipalities share them by, the monthly cost statement, and net cost and benefit per
/// patient-year.
/// </summary>
public static class CostsGroup
{
    public static IHostApplicationBuilder AddCosts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<GetUnitCosts>();
        builder.Services.AddScoped<SetUnitCosts>();
        builder.Services.AddScoped<GetServiceCosts>();
        builder.Services.AddScoped<SetServiceCosts>();
        builder.Services.AddScoped<GetCostSharing>();
        builder.Services.AddScoped<SetCostSharing>();
        builder.Services.AddScoped<GetCostStatement>();
        builder.Services.AddScoped<GetCostBenefit>();
        return builder;
    }

    public static void MapCosts(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        GetUnitCosts.Map(admin);
        SetUnitCosts.Map(admin);
        var services = app.MapGroup("/api/services").WithTags("Costs");
        GetServiceCosts.Map(services);
        SetServiceCosts.Map(services);
        GetCostSharing.Map(services);
        SetCostSharing.Map(services);
        GetCostStatement.Map(services);
        GetCostBenefit.Map(app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(Policies.Statistics));
    }
}
