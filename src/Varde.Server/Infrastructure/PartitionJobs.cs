using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Adds the coming months' partitions (<see cref="MonthlyPartitions"/>) at start and daily, on the jobs' leader
/// (PostgreSQL only). What cannot be done is logged as a warning and tried again the next day; rows are never refused
/// (the default partition takes them), only read without their month's pruning.
/// </summary>
public sealed partial class PartitionJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, IConfiguration configuration,
    DatabaseOptions options, ILogger<PartitionJobs> logger) : LeaderJob(scopes, leader, clock)
{
    private readonly TimeProvider _clock = clock;

    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        MonthlyPartitions.EnsureAndLogAsync(MonthlyPartitions.ConnectionString(configuration, options), _clock.GetUtcNow(), logger, ct);

    protected override void Failed(Exception e) => LogFailed(logger, e);

    [LoggerMessage(LogLevel.Warning, "Creating the coming months' partitions failed; it is tried again tomorrow (docs/operations.md \"Partitions\")")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
