using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Live;

/// <summary>
/// Publishes stored outbox events to this node's <see cref="LiveUpdates"/> in the order they happened. Each node reads
/// the events itself and keeps its own watermark (the newest event time it has published, in memory), so every node's
/// screens hear every change, and no event row is written again (issue 15: marking rows published cost as much WAL as
/// writing them, and let one node's dispatcher take the events another node's screens were waiting for).
/// <para>A transaction can commit after a later one, so its events can appear behind the watermark: a round woken by a
/// commit in this process reads from the earliest event that commit added (<see cref="OutboxNudge"/> says which), the
/// poll every <c>Live:PollSeconds</c> (for other nodes' events) from <see cref="PolledLookBack"/> before the
/// watermark; both skip what this node already published.
/// A node starts at its start time less <see cref="PolledLookBack"/>: screens opened later load what is current.
/// Delivery is at least once: a screen that gets an event twice just reloads twice.</para>
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, OutboxNudge nudge, LiveUpdates live, TimeProvider clock,
    VardeMetrics metrics, IConfiguration configuration, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How often the dispatcher looks without being nudged (<c>Live:PollSeconds</c>, default 2): the safety net for another node's events whose signal was lost.</summary>
    private readonly TimeSpan _pollInterval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Live:PollSeconds", 2)));

    /// <summary>How far behind the watermark the poll looks: longer than any transaction takes from stamping its events to its commit.</summary>
    public static readonly TimeSpan PolledLookBack = TimeSpan.FromSeconds(30);

    private const int PageSize = 2_000;
    private readonly SemaphoreSlim _oneRoundAtATime = new(1, 1);
    private readonly Dictionary<Guid, DateTimeOffset> _published = [];
    private DateTimeOffset? _watermark;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nudged = false;
        var lastPoll = long.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Under steady load every round is woken by a commit here; other nodes' late commits still need the poll.
                var poll = !nudged || Environment.TickCount64 - lastPoll >= (long)_pollInterval.TotalMilliseconds;
                if (poll)
                    lastPoll = Environment.TickCount64;
                await PublishAsync(nudged: !poll, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }

            nudged = await nudge.WaitAsync(_pollInterval, stoppingToken);
        }
    }

    /// <summary>Publishes the events this node has not published yet; returns how many. Rounds never overlap, so in one node an event is published once.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken ct) => await PublishAsync(nudged: false, ct);

    private async Task<int> PublishAsync(bool nudged, CancellationToken ct)
    {
        await _oneRoundAtATime.WaitAsync(ct);
        try
        {
            _watermark ??= clock.GetUtcNow() - PolledLookBack;
            var committed = nudge.TakeEarliestCommitted();
            var from = !nudged ? _watermark.Value - PolledLookBack
                : committed is { } earliest && earliest < _watermark ? earliest : _watermark.Value;
            var published = 0;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
            while (true)
            {
                var page = await db.OutboxEvents.AsNoTracking().Where(e => e.OccurredAt >= from).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                    .Select(e => new LiveChange(e.Id, e.Type, e.ServiceId, e.PatientId, e.AlertId, e.OccurredAt)).Take(PageSize).ToListAsync(ct);
                foreach (var e in page.Where(e => _published.TryAdd(e.EventId, e.OccurredAt)))
                {
                    live.Publish(e);
                    metrics.LivePublished(clock.GetUtcNow() - e.OccurredAt);
                    published++;
                    if (e.OccurredAt > _watermark)
                        _watermark = e.OccurredAt;
                }

                if (page.Count < PageSize)
                    break;
                // The next page starts at the last time read (its events there are skipped as published); a page of
                // one instant only moves past it.
                from = page[^1].OccurredAt > from ? page[^1].OccurredAt : page[^1].OccurredAt.AddTicks(1);
            }

            Forget(_watermark.Value - PolledLookBack);
            return published;
        }
        finally
        {
            _oneRoundAtATime.Release();
        }
    }

    // Events older than any round looks back are never read again: no need to remember them.
    private void Forget(DateTimeOffset before)
    {
        foreach (var id in _published.Where(p => p.Value < before).Select(p => p.Key).ToList())
            _published.Remove(id);
    }

    public override void Dispose()
    {
        _oneRoundAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "Publishing outbox events failed; retrying at the next poll.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
