using System.Diagnostics;

namespace Varde.Testing;

/// <summary>
/// A clock that starts at a chosen instant (usually <see cref="TestClock.Start"/>) and then runs on with real elapsed
/// time, for a server driven by a real browser, where time must flow. Timers and timestamps are the system's.
/// </summary>
public sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public DateTimeOffset Start { get; } = start;

    public override DateTimeOffset GetUtcNow() => Start.ToUniversalTime() + Stopwatch.GetElapsedTime(_started);
}
