namespace Varde.Server.Features.Live;

/// <summary>Live updates: the outbox dispatcher and the in-process channel open screens listen to (ADR 0009).</summary>
public static class LiveSetup
{
    public static IHostApplicationBuilder AddLiveUpdates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutboxNudge>();
        builder.Services.AddSingleton<LiveUpdates>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return builder;
    }
}
