using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Keeps the summary of reports by hour (<see cref="SummariseReports"/>) up to date: at start and every five minutes,
/// on the node that holds the jobs' lock (ADR 0052). Off with <c>Jobs:Enabled=false</c>; the work figures are the same
/// without it, only slower at national scale.
/// </summary>
public sealed partial class StatisticsJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<StatisticsJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                if (!await leader.IsLeaderAsync(stoppingToken))
                    continue;
                await using var scope = scopes.CreateAsyncScope();
                var counted = await scope.ServiceProvider.GetRequiredService<SummariseReports>().RunAsync(stoppingToken);
                if (counted > 0)
                    LogSummarised(logger, counted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Reports by hour: {Counted} reports summarised")]
    private static partial void LogSummarised(ILogger logger, long counted);

    [LoggerMessage(LogLevel.Warning, "Summarising reports by hour failed; it runs again in five minutes")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
