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
        // Several nodes on one PostgreSQL: each tells the others when it has committed events.
        if (builder.Configuration.GetValue($"{Varde.Data.DatabaseOptions.SectionName}:Provider", Varde.Data.DatabaseProvider.Sqlite) == Varde.Data.DatabaseProvider.Postgres)
            builder.Services.AddHostedService<OutboxSignalOnPostgres>();
        return builder;
    }
}
