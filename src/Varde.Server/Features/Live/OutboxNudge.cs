using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Varde.Data;

namespace Varde.Server.Features.Live;

/// <summary>
/// Wakes the <see cref="OutboxDispatcher"/> as soon as a save that added outbox events has committed, so a change
/// reaches open screens in milliseconds rather than at the next poll. A save inside an explicit transaction (intake
/// holds its patients in one) nudges when that transaction commits (<see cref="Committed"/>), not before, or the
/// dispatcher would look too early, find nothing, and wait for its poll.
/// </summary>
public sealed class OutboxNudge : SaveChangesInterceptor
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _share = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConditionalWeakTable<DbContext, StrongBox<DateTimeOffset>> _pending = [];
    private readonly Lock _gate = new();
    private DateTimeOffset? _earliestCommitted;
    private DateTimeOffset? _earliestToShare;

    /// <summary>Waits until nudged (true) or until <paramref name="timeout"/> has passed (false).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            return await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed: look anyway (another node may have written events).
            return false;
        }
    }

    /// <summary>Wakes the dispatcher for events that happened at or after <paramref name="earliest"/>.</summary>
    public void Nudge(DateTimeOffset earliest)
    {
        lock (_gate)
            _earliestCommitted = _earliestCommitted is { } known && known < earliest ? known : earliest;
        _signal.Writer.TryWrite(true);
    }

    /// <summary>
    /// Waits until this node has committed events since the last call, and gives the earliest of their times, for the
    /// other nodes (<see cref="OutboxSignalOnPostgres"/>). Events other nodes committed are not shared again.
    /// </summary>
    public async Task<DateTimeOffset> WaitToShareAsync(CancellationToken ct)
    {
        while (true)
        {
            await _share.Reader.ReadAsync(ct);
            lock (_gate)
            {
                if (_earliestToShare is { } earliest)
                {
                    _earliestToShare = null;
                    return earliest;
                }
            }
        }
    }

    // This node's own commit: wake its dispatcher and tell the other nodes.
    private void NudgeAndShare(DateTimeOffset earliest)
    {
        Nudge(earliest);
        ShareAgain(earliest);
    }

    /// <summary>Tells the other nodes of events from <paramref name="earliest"/> on (again, when the last try failed).</summary>
    public void ShareAgain(DateTimeOffset earliest)
    {
        lock (_gate)
            _earliestToShare = _earliestToShare is { } known && known < earliest ? known : earliest;
        _share.Writer.TryWrite(true);
    }

    /// <summary>The earliest time of the events committed since the last call (null: none), for the dispatcher to read from.</summary>
    public DateTimeOffset? TakeEarliestCommitted()
    {
        lock (_gate)
        {
            var earliest = _earliestCommitted;
            _earliestCommitted = null;
            return earliest;
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NudgeIfPending(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NudgeIfPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Remembers the earliest time of the events this save adds, until its transaction commits.
    private void Remember(DbContext? context)
    {
        if (context is null)
            return;
        // Added entities are known without looking for changes (a walk over every tracked entity, which the save does).
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        DateTimeOffset? earliest = null;
        try
        {
            foreach (var e in tracker.Entries<OutboxEvent>())
            {
                if (e.State == EntityState.Added && (earliest is null || e.Entity.OccurredAt < earliest))
                    earliest = e.Entity.OccurredAt;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }

        if (earliest is not { } at)
            return;
        if (_pending.TryGetValue(context, out var box))
            box.Value = box.Value < at ? box.Value : at;
        else
            _pending.Add(context, new StrongBox<DateTimeOffset>(at));
    }

    /// <summary>The context's transaction committed: nudge for the events its saves added.</summary>
    public void Committed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var box) && _pending.Remove(context))
            NudgeAndShare(box.Value);
    }

    /// <summary>The context's transaction rolled back: its events are gone.</summary>
    public void RolledBack(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }

    private void NudgeIfPending(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && _pending.TryGetValue(context, out var box) && _pending.Remove(context))
            NudgeAndShare(box.Value);
    }
}
