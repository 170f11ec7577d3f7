using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Fhir;

/// <summary>
/// Every <see cref="Interval"/> (on the app's <see cref="TimeProvider"/>): matches new outbox events to subscriptions
/// (<see cref="SubscriptionMatcher"/>), then sends what is due (<see cref="SubscriptionDelivery"/>). Off with
/// <c>Jobs:Enabled=false</c>.
/// </summary>
public sealed partial class SubscriptionJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<SubscriptionJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

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
                await scope.ServiceProvider.GetRequiredService<SubscriptionMatcher>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SubscriptionDelivery>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "The subscription job failed; it runs again in a few seconds")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
