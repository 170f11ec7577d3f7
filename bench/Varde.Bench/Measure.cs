using System.Diagnostics;

namespace Varde.Bench;

/// <summary>Latency samples and their percentiles, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];
    private readonly Lock _lock = new();

    public int Count => _ms.Count;

    public void Add(TimeSpan elapsed)
    {
        lock (_lock)
            _ms.Add(elapsed.TotalMilliseconds);
    }

    public double Percentile(double p)
    {
        lock (_lock)
        {
            if (_ms.Count == 0)
                return double.NaN;
            var sorted = _ms.Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed;
    }
}
