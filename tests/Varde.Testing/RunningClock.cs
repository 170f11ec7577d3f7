using System.Diagnostics;

namespace Varde.Testing;

/// <summary>
/// A clock that starts at a chosen instant (usually <see cref="TestClock.Start"/>) and then runs on with real elapsed
/// time, for a server driven by a real browser, where time must flow. Timers and timestamps are the system's.
/// </summary>
public sealed class RunningClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _skippedTicks;

    public DateTimeOffset Start { get; } = start;

    public override DateTimeOffset GetUtcNow() =>
        Start.ToUniversalTime() + Stopwatch.GetElapsedTime(_started) + TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));

    /// <summary>Jumps ahead (the next reminder round, an hour on); browser contexts made after it start at the new now.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _skippedTicks, by.Ticks);
}
