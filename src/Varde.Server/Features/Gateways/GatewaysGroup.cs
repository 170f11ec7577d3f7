namespace Varde.Server.Features.Gateways;

/// <summary>Device gateways: registration, secrets and revocation under /api/admin (administrators only), the per-request check, and what each sent.</summary>
public static class GatewaysGroup
{
    public static IHostApplicationBuilder AddGateways(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayActivity>();
        builder.Services.AddSingleton<GatewayStates>();
        builder.Services.AddScoped<GatewayCredentials>();
        builder.Services.AddScoped<GatewayActivityFlush>();
        builder.Services.AddScoped<ListGateways>();
        builder.Services.AddScoped<RegisterGateway>();
        builder.Services.AddScoped<RotateGatewaySecret>();
        builder.Services.AddScoped<RevokeGateway>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<GatewayActivityJob>();
        return builder;
    }

    public static void MapGateways(RouteGroupBuilder admin)
    {
        ListGateways.Map(admin);
        RegisterGateway.Map(admin);
        RotateGatewaySecret.Map(admin);
        RevokeGateway.Map(admin);
    }
}
