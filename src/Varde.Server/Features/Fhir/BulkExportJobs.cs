using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Fhir;

/// <summary>Runs the <see cref="BulkExportJob"/> every few seconds (on the app's <see cref="TimeProvider"/>). Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class BulkExportJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<BulkExportJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // Once in a cluster: only the node that holds the jobs' lock runs them (ADR 0052).
                if (!await leader.IsLeaderAsync(stoppingToken))
                    continue;
                await using var scope = scopes.CreateAsyncScope();
                var finished = await scope.ServiceProvider.GetRequiredService<BulkExportJob>().RunAsync(stoppingToken);
                if (finished > 0)
                    LogRun(logger, finished);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Bulk export: {Finished} exports written")]
    private static partial void LogRun(ILogger logger, int finished);

    [LoggerMessage(LogLevel.Error, "The bulk export job failed; it runs again in a few seconds")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
