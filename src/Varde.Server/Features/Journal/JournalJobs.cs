using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Journal;

/// <summary>Every <see cref="Interval"/>: makes the missing journal notes, then delivers what is due. Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class JournalJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<JournalJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

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
                await scope.ServiceProvider.GetRequiredService<JournalNoteWriter>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<JournalNoteDelivery>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The journal note job failed; it runs again shortly")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
