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
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>Waits until nudged or until <paramref name="timeout"/> has passed.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed: look anyway (another node may have written events).
        }
    }

    public void Nudge() => _signal.Writer.TryWrite(true);

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

    private void Remember(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added))
            _pending.AddOrUpdate(context, this);
    }

    /// <summary>The context's transaction committed: nudge for the events its saves added.</summary>
    public void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
            Nudge();
    }

    /// <summary>The context's transaction rolled back: its events are gone.</summary>
    public void RolledBack(DbContext? context)
    {
        if (context is not null)
            _pending.Remove(context);
    }

    private void NudgeIfPending(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null && _pending.Remove(context))
            Nudge();
    }
}
