namespace Varde.Domain.Statistics;

/// <summary>A count as it is shown: the number, or hidden because it is too small to show (<see cref="SmallNumbers"/>).</summary>
public sealed record Shown(int? Value, bool Suppressed);

/// <summary>One cell of a breakdown (by sex, age group, municipality…) as it is shown.</summary>
public sealed record Cell(string Key, int? Value, bool Suppressed);

/// <summary>
/// A number made from patients (a median, a rate) as it is shown: hidden when too few patients are behind it. How many
/// are behind it is not part of it (it would tell a hidden count).
/// </summary>
public sealed record ShownNumber(double? Value, bool Suppressed);

/// <summary>
/// Small-number suppression (prikking) for figures about patients, so that no figure points at a person:
/// <list type="bullet">
/// <item>a count from 1 to 4 is hidden (0 is shown: it says nobody);</item>
/// <item>in a breakdown whose cells add up to a total that is shown, the hidden cells' sum can be worked out, so more
/// cells (the smallest non-zero ones) are hidden until at least two are, their sum is at least 5, and more than one
/// split of it is possible (complementary suppression);</item>
/// <item>a median, mean or rate is hidden when 1 to 4 patients or episodes are behind it (with none it is simply not there).</item>
/// </list>
/// The rule is the one the directorate's and Statistics Norway's published patient figures follow (docs/statistics.md).
/// </summary>
public static class SmallNumbers
{
    /// <summary>The smallest count shown (counts 1 to 4 are hidden).</summary>
    public const int Threshold = 5;

    public static bool Hides(int count) => count is > 0 and < Threshold;

    public static Shown Count(int count) => Hides(count) ? new(null, true) : new(count, false);

    /// <summary>
    /// A number made from <paramref name="behind"/> patients: hidden with 1 to 4 behind it; null (nothing to show, not
    /// hidden) when there is no value or nobody behind it.
    /// </summary>
    public static ShownNumber Number(double? value, int behind) =>
        Hides(behind) ? new(null, true) : new(value is { } v && behind > 0 ? Math.Round(v, 1) : null, false);

    /// <summary>
    /// A breakdown's cells as shown. <paramref name="addsUpTo"/>: the total the cells add up to when that total is shown
    /// elsewhere (then one hidden cell takes a second with it); null when they do not add up (a patient in several cells).
    /// </summary>
    public static IReadOnlyList<Cell> Breakdown(IEnumerable<(string Key, int Count)> cells, int? addsUpTo) => Breakdown(cells, addsUpTo, _ => false);

    /// <summary>As <see cref="Breakdown(IEnumerable{ValueTuple{string, int}}, int?)"/>, with cells that must be hidden whatever their count (one made of hidden cells of another table).</summary>
    public static IReadOnlyList<Cell> Breakdown(IEnumerable<(string Key, int Count)> cells, int? addsUpTo, Func<string, bool> mustHide)
    {
        var list = cells.ToList();
        var hidden = list.Select(c => Hides(c.Count) || (c.Count > 0 && mustHide(c.Key))).ToArray();
        // With the total shown, the hidden cells' sum is known (and each is at least 1, zeros being shown): more cells are
        // hidden until it is at least 5 and spread over at least two cells in more than one way.
        while (addsUpTo is { } total && !Hides(total) && hidden.Any(h => h) && !SafelyHidden(list, hidden))
        {
            var next = Enumerable.Range(0, list.Count).Where(i => !hidden[i] && list[i].Count > 0).OrderBy(i => list[i].Count).Cast<int?>().FirstOrDefault();
            if (next is not { } i)
                break;
            hidden[i] = true;
        }

        return [.. list.Select((c, i) => hidden[i] ? new Cell(c.Key, null, true) : new Cell(c.Key, c.Count, false))];
    }

    private static bool SafelyHidden(List<(string Key, int Count)> cells, bool[] hidden)
    {
        var count = hidden.Count(h => h);
        var sum = cells.Where((_, i) => hidden[i]).Sum(c => c.Count);
        return count >= 2 && sum >= Threshold && sum > count;
    }
}
