using Varde.Server.Infrastructure;
using Varde.Server.Features.Delivery;

namespace Varde.Server.Features.NationalExport;

/// <summary>
/// The export of readings to the national services (issue 20 item 5, ADR 0046): on when <c>NationalExport:Enabled</c>
/// is true and a boundary is configured under <c>NationalExport:Delivery</c> (<c>Folder</c>, or <c>Url</c> with
/// <c>ApiKey</c>); then every <c>NationalExport:IntervalMinutes</c> (15) a job makes the next batches and sends what is due.
/// </summary>
public static class NationalExportGroup
{
    /// <summary>The configuration section of the export's boundary, and its key (<see cref="OutboundDeliveries"/>).</summary>
    public const string Delivery = "NationalExport:Delivery";

    public static IHostApplicationBuilder AddNationalExport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<NationalExportWriter>();
        builder.Services.AddScoped<NationalExportDelivery>();
        builder.AddOutboundDelivery(Delivery);
        var configuration = builder.Configuration;
        if (!configuration.GetValue("NationalExport:Enabled", false))
            return builder;
        if (string.IsNullOrEmpty(configuration[$"{Delivery}:Folder"]) && string.IsNullOrEmpty(configuration[$"{Delivery}:Url"]))
            throw new InvalidOperationException($"NationalExport:Enabled is true, but no boundary is configured: set {Delivery}:Folder or {Delivery}:Url.");
        if (configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<NationalExportJob>();
        return builder;
    }
}

/// <summary>Every <c>NationalExport:IntervalMinutes</c>: makes the next batches, then delivers what is due.</summary>
public sealed partial class NationalExportJob(IServiceScopeFactory scopes, JobLeader leader, IConfiguration configuration, TimeProvider clock, ILogger<NationalExportJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("NationalExport:IntervalMinutes", 15))), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Once in a cluster: only the node that holds the jobs' lock runs them (ADR 0052).
                if (!await leader.IsLeaderAsync(stoppingToken))
                    continue;
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NationalExportWriter>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<NationalExportDelivery>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The national export job failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
