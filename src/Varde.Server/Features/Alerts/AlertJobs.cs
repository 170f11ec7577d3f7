using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Alerts;

/// <summary>Runs the missing-report and escalation jobs every minute (on the app's <see cref="TimeProvider"/>). Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class AlertJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<AlertJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

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
                var missed = await scope.ServiceProvider.GetRequiredService<MissingReportsJob>().RunAsync(stoppingToken);
                var escalated = await scope.ServiceProvider.GetRequiredService<EscalationJob>().RunAsync(stoppingToken);
                if (missed + escalated > 0)
                    LogRun(logger, missed, escalated);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Alert jobs: {Missed} missed reports raised, {Escalated} alerts escalated")]
    private static partial void LogRun(ILogger logger, int missed, int escalated);

    [LoggerMessage(LogLevel.Error, "Alert jobs failed; they run again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
