using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Live;

/// <summary>
/// Publishes stored outbox events to <see cref="LiveUpdates"/> in the order they happened, then marks them published.
/// Woken by <see cref="OutboxNudge"/> after each save that added events, and polls every two seconds besides. Delivery
/// is at least once: a screen that gets an event twice just reloads twice.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, OutboxNudge nudge, LiveUpdates live, TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const int BatchSize = 500;
    private readonly SemaphoreSlim _oneBatchAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await PublishBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }

            await nudge.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Publishes up to one batch of unpublished events; returns how many. Batches never overlap, so in one process an event is published once.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await _oneBatchAtATime.WaitAsync(ct);
        try
        {
            return await PublishNextBatchAsync(ct);
        }
        finally
        {
            _oneBatchAtATime.Release();
        }
    }

    private async Task<int> PublishNextBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var events = await db.OutboxEvents.Where(e => e.PublishedAt == null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (events.Count == 0)
            return 0;
        foreach (var e in events)
            live.Publish(new LiveChange(e.Id, e.Type, e.ServiceId, e.PatientId, e.AlertId, e.OccurredAt));
        var now = clock.GetUtcNow();
        foreach (var e in events)
            e.PublishedAt = now;
        await db.SaveChangesAsync(ct);
        return events.Count;
    }

    public override void Dispose()
    {
        _oneBatchAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "Publishing outbox events failed; retrying at the next poll.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
