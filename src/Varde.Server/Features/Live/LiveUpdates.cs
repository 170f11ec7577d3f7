using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Varde.Server.Features.Live;

/// <summary>
/// The in-process channel from the outbox dispatcher to open screens (Blazor circuits): a screen subscribes to its
/// service and is told of every change there. Handlers must return quickly (a screen queues its own reload).
/// </summary>
public sealed partial class LiveUpdates(ILogger<LiveUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<LiveChange>>> _byService = new();

    public IDisposable Subscribe(Guid serviceId, Action<LiveChange> handler)
    {
        _byService.AddOrUpdate(serviceId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => _byService.AddOrUpdate(serviceId, _ => [], (_, list) => list.Remove(handler)));
    }

    public int SubscriberCount(Guid serviceId) => _byService.TryGetValue(serviceId, out var list) ? list.Count : 0;

    public void Publish(LiveChange change)
    {
        if (!_byService.TryGetValue(change.ServiceId, out var handlers))
            return;
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e, change.Type);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "A live-update subscriber failed on a {Type} event.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string type);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                dispose();
        }
    }
}
