namespace Varde.Server.Infrastructure;

/// <summary>
/// A job that runs at start and then every <see cref="Interval"/> (on the app's <see cref="TimeProvider"/>), once in a
/// cluster: only on the node that holds the jobs' lock (ADR 0052). A failed run is logged and the job runs again at its
/// next turn. Registered only with <c>Jobs:Enabled</c> (the default).
/// </summary>
public abstract class LeaderJob(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>One run, with its own service scope.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>Logs a failed run (no personal data).</summary>
    protected abstract void Failed(Exception e);

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
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
