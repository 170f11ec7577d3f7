using System.Collections.Concurrent;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// Slows down guessing of enrolment codes: at most <see cref="MaxFailures"/> wrong codes per client address in 15
/// minutes (in memory, per server). A PIN needs the tablet's secret first and locks the tablet itself.
/// </summary>
public sealed class SignInAttempts(TimeProvider clock)
{
    public const int MaxFailures = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _failures = new();

    public bool IsBlocked(string client) => Recent(client).Count >= MaxFailures;

    public void Failed(string client) => _failures.GetOrAdd(client, _ => new()).Enqueue(clock.GetUtcNow());

    private ConcurrentQueue<DateTimeOffset> Recent(string client)
    {
        var queue = _failures.GetOrAdd(client, _ => new());
        var since = clock.GetUtcNow() - Window;
        while (queue.TryPeek(out var oldest) && oldest < since)
            queue.TryDequeue(out _);
        return queue;
    }
}
