using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Audit;

/// <summary>
/// Seals the audit logs every minute (<see cref="SealAuditLogs"/>), on the jobs' leader, and logs each chain's new
/// head: ids and hashes only, no personal data, so the application log, shipped elsewhere, keeps the heads that
/// <c>varde audit verify --head</c> checks.
/// </summary>
public sealed partial class AuditJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<AuditJobs> logger) : LeaderJob(scopes, leader, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        foreach (var head in await services.GetRequiredService<SealAuditLogs>().RunAsync(ct))
            LogSealed(logger, head.Log, head.ToString());
    }

    protected override void Failed(Exception e) => LogFailed(logger, e);

    [LoggerMessage(LogLevel.Information, "Audit log {Log} sealed; head {Head}")]
    private static partial void LogSealed(ILogger logger, string log, string head);

    [LoggerMessage(LogLevel.Warning, "Sealing the audit logs failed (another node may have sealed at the same time); it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
