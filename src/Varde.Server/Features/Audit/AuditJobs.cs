using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Audit;

/// <summary>
/// Seals the audit logs every minute (<see cref="SealAuditLogs"/>, on the app's <see cref="TimeProvider"/>) and logs
/// each chain's new head: ids and hashes only, no personal data, so the application log, shipped elsewhere, keeps the
/// heads that <c>varde audit verify --head</c> checks. Off with <c>Jobs:Enabled=false</c>.
/// </summary>
public sealed partial class AuditJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<AuditJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                // Once in a cluster: only the node that holds the jobs' lock runs them (ADR 0052).
                if (!await leader.IsLeaderAsync(stoppingToken))
                    continue;
                await using var scope = scopes.CreateAsyncScope();
                foreach (var head in await scope.ServiceProvider.GetRequiredService<SealAuditLogs>().RunAsync(stoppingToken))
                    LogSealed(logger, head.Log, head.ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Audit log {Log} sealed; head {Head}")]
    private static partial void LogSealed(ILogger logger, string log, string head);

    [LoggerMessage(LogLevel.Warning, "Sealing the audit logs failed (another node may have sealed at the same time); it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
