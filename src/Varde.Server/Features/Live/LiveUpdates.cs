using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace Varde.Server.Features.Live;

/// <summary>
/// The in-process channel from the outbox dispatcher to open screens (Blazor circuits): a screen subscribes to its
/// service and is told of every change there. Handlers must return quickly (a screen queues its own reload).
/// </summary>
public sealed partial class LiveUpdates(ILogger<LiveUpdates> logger)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<LiveChange>>> _byService = new();

    /// <summary>
    /// Calls <paramref name="handler"/> for every change in the service, in the subscriber's language: the culture at
    /// subscription (a screen's, from its request) is the culture the handler runs in, and flows into the screen's
    /// <c>InvokeAsync</c>, so a list reloaded by a change still writes "7,4" and "1.12.2026" (issue 16: on the dispatcher's
    /// thread, with no culture of its own, every live update turned decimal commas into dots).
    /// </summary>
    public IDisposable Subscribe(Guid serviceId, Action<LiveChange> handler)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        Action<LiveChange> inCulture = change =>
        {
            var (was, uiWas) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
            try
            {
                handler(change);
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (was, uiWas);
            }
        };
        _byService.AddOrUpdate(serviceId, _ => [inCulture], (_, list) => list.Add(inCulture));
        return new Subscription(() => _byService.AddOrUpdate(serviceId, _ => [], (_, list) => list.Remove(inCulture)));
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
