using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Keeps the summary of reports by hour (<see cref="SummariseReports"/>) up to date: at start and every five minutes,
/// on the jobs' leader. The work figures are the same without it, only slower at national scale.
/// </summary>
public sealed partial class StatisticsJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<StatisticsJobs> logger)
    : LeaderJob(scopes, leader, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var counted = await services.GetRequiredService<SummariseReports>().RunAsync(ct);
        if (counted > 0)
            LogSummarised(logger, counted);
    }

    protected override void Failed(Exception e) => LogFailed(logger, e);

    [LoggerMessage(LogLevel.Information, "Reports by hour: {Counted} reports summarised")]
    private static partial void LogSummarised(ILogger logger, long counted);

    [LoggerMessage(LogLevel.Warning, "Summarising reports by hour failed (another node, or a transfer, may have changed it meanwhile); it runs again in five minutes")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
