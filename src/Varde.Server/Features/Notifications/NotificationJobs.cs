using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Notifications;

/// <summary>Makes the due reminders and sends what waits, every minute (on the app's <see cref="TimeProvider"/>). Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class NotificationJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<NotificationJobs> logger) : BackgroundService
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
                var reminders = await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);
                var sent = await scope.ServiceProvider.GetRequiredService<NotificationSender>().RunAsync(stoppingToken);
                if (reminders + sent.Delivered + sent.Failed > 0)
                    LogRun(logger, reminders, sent.Delivered, sent.Failed, sent.NotNeeded);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Notifications: {Reminders} reminders made, {Delivered} delivered, {Failed} failed (retried later), {NotNeeded} not needed")]
    private static partial void LogRun(ILogger logger, int reminders, int delivered, int failed, int notNeeded);

    [LoggerMessage(LogLevel.Error, "Notification jobs failed; they run again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
