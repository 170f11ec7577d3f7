namespace Varde.Domain.Statistics.Costs;

/// <summary>Amounts of kroner as the cost model takes them: not negative, at most two decimals (øre), below a sane ceiling.</summary>
public static class Money
{
    /// <summary>Whether an amount can be taken: 0 to <paramref name="highest"/> with at most two decimals.</summary>
    public static bool IsAmount(decimal value, decimal highest) => value >= 0 && value <= highest && decimal.Round(value, 2) == value;

    /// <summary>
    /// A total split by weights into øre that add up to it exactly (largest remainder: each part rounded down, the øre
    /// left over going to the largest remainders, the first listed first on a tie). The weights have at most two
    /// decimals (inhabitants, patient-days, per cent) and are not all zero; the remainders are compared exactly, in
    /// whole numbers.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, IReadOnlyList<decimal> weights)
    {
        if (weights.Any(w => w < 0 || decimal.Round(w, 2) != w) || weights.Sum() <= 0)
            throw new ArgumentException("The weights are not negative, have at most two decimals, and are not all zero.", nameof(weights));
        var totalOre = decimal.Round(total * 100m);
        var scaled = weights.Select(w => w * 100m).ToList();
        var sum = scaled.Sum();
        var ore = scaled.Select(w => decimal.Floor(totalOre * w / sum)).ToArray();
        // totalOre × w − ore × sum is the remainder × sum, a whole number: compared exactly, ties by list order.
        var remainders = scaled.Select((w, i) => (totalOre * w) - (ore[i] * sum)).ToList();
        var left = (int)(totalOre - ore.Sum());
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left))
            ore[i] += 1;
        return [.. ore.Select(o => o / 100m)];
    }
}
