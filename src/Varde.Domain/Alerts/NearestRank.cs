namespace Varde.Domain.Alerts;

/// <summary>
/// The nearest-rank percentile, as the alert burden and the work statistics give minutes to acknowledge: the smallest
/// value with at least p of the values at or below it.
/// </summary>
public static class NearestRank
{
    /// <summary>The percentile <paramref name="p"/> (0–1) of values sorted ascending, or null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
