namespace Varde.Server.Features.Gateways;

/// <summary>Stores the gateways' activity counted in memory every minute, and once more when the server stops. Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class GatewayActivityJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<GatewayActivityJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(prune: true, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the last tallies are stored below.
        }

        await FlushAsync(prune: false, CancellationToken.None);
    }

    private async Task FlushAsync(bool prune, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var flush = scope.ServiceProvider.GetRequiredService<GatewayActivityFlush>();
            await flush.FlushAsync(ct);
            if (prune)
                await flush.PruneAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Storing the gateways' activity failed; it is kept in memory and tried again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
