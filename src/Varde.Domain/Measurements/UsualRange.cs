namespace Varde.Domain.Measurements;

/// <summary>
/// A patient's usual values of one quantity, from their own recent trusted readings, widened by a margin: the entry
/// screen asks "is this right?" only outside it (issue 16: a normal 128/78 after a 152/94 asked twice, because any
/// 10 % change from the last reading asked). Fewer than <see cref="MinReadings"/> readings say nothing about what is
/// usual: then only the plausible range asks.
/// </summary>
public sealed record UsualRange(decimal Low, decimal High)
{
    public const int MinReadings = 5;

    /// <summary>
    /// From the readings: the 5th to the 95th percentile (one odd reading does not widen it), widened on each side by half
    /// its width or a tenth of its middle, whichever is more. Null with fewer than <see cref="MinReadings"/> readings.
    /// </summary>
    public static UsualRange? Of(IReadOnlyCollection<decimal> readings)
    {
        if (readings.Count < MinReadings)
            return null;
        var sorted = readings.Order().ToList();
        var low = Percentile(sorted, 0.05m);
        var high = Percentile(sorted, 0.95m);
        var margin = Math.Max((high - low) / 2, Math.Abs(low + high) / 20);
        return new UsualRange(low - margin, high + margin);
    }

    public bool Holds(decimal value) => value >= Low && value <= High;

    // Linear interpolation between the closest ranks.
    private static decimal Percentile(List<decimal> sorted, decimal p)
    {
        var rank = p * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
