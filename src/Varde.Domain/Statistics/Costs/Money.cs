namespace Varde.Domain.Statistics.Costs;

/// <summary>Amounts of kroner as the cost model takes them: not negative, at most two decimals (øre), below a sane ceiling.</summary>
public static class Money
{
    /// <summary>Whether an amount can be taken: 0 to <paramref name="highest"/> with at most two decimals.</summary>
    public static bool IsAmount(decimal value, decimal highest) => value >= 0 && value <= highest && decimal.Round(value, 2) == value;

    /// <summary>
    /// A total split by weights into øre that add up to it exactly (largest remainder: each part rounded down, the øre
    /// left over going to the largest remainders, the first listed first on a tie). The weights are not all zero.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, IReadOnlyList<decimal> weights)
    {
        var sum = weights.Sum();
        if (sum <= 0 || weights.Any(w => w < 0))
            throw new ArgumentException("The weights must be positive in sum and none negative.", nameof(weights));
        var totalOre = decimal.Round(total * 100m);
        var exact = weights.Select(w => totalOre * w / sum).ToList();
        var ore = exact.Select(decimal.Floor).ToArray();
        var left = (int)(totalOre - ore.Sum());
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - ore[i]).ThenBy(i => i).Take(left))
            ore[i] += 1;
        return [.. ore.Select(o => o / 100m)];
    }
}
