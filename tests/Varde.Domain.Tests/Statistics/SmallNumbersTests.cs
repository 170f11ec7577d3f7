using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class SmallNumbersTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 5)]
    [InlineData(120, 120)]
    public void ACount_From1To4_IsHidden(int count, int? shown)
    {
        var result = SmallNumbers.Count(count);

        result.Value.ShouldBe(shown);
        result.Suppressed.ShouldBe(shown is null);
    }

    // cells, the total they add up to (or none), and what is shown (null: hidden)
    public static TheoryData<int[], int?, int?[]> Breakdowns => new()
    {
        { [10, 7], 17, [10, 7] },
        { [10, 3], 13, [null, null] },          // one hidden cell would follow from the total: the other goes too
        { [10, 3, 8], 21, [10, null, null] },   // the smallest other non-zero cell is the one hidden
        { [3, 0, 12], 15, [null, 0, null] },    // a zero tells nothing and is not the second
        { [3, 2, 12], 17, [null, null, 12] },   // two hidden already: neither can be worked out
        { [10, 3], null, [10, null] },          // cells that do not add up (a patient in several): no second
        { [3, 1], 4, [null, null] },            // the total itself is hidden
        { [0, 0], 0, [0, 0] },
        { [1, 1, 10, 8, 6], 26, [null, null, 10, 8, null] }, // two 1s alone would be known to be 1s: 6 goes too
        { [2, 1, 1, 20], 24, [null, null, null, null] },      // hidden cells summing to under 5 take the next
    };

    [Theory]
    [MemberData(nameof(Breakdowns))]
    public void ABreakdown_HidesSmallCells_AndMoreUntilTheHiddenOnesCannotBeWorkedOutFromTheTotal(int[] counts, int? total, int?[] shown)
    {
        var cells = SmallNumbers.Breakdown(counts.Select((c, i) => ($"k{i}", c)), total);

        cells.Select(c => c.Value).ShouldBe(shown);
        cells.Select(c => c.Suppressed).ShouldBe(shown.Select(s => s is null));
        cells.Select(c => c.Key).ShouldBe(counts.Select((_, i) => $"k{i}"));
    }

    [Theory]
    [InlineData(12.345, 4, null, true)]
    [InlineData(12.345, 5, 12.3, false)]
    [InlineData(null, 9, null, false)] // nothing to show (a median of no values) is not hidden
    [InlineData(null, 3, null, true)]
    [InlineData(7.0, 0, null, false)]   // nobody behind it: nothing to show
    public void ANumber_IsHiddenWithFewerThanFiveBehindIt(double? value, int behind, double? shown, bool hidden)
    {
        var result = SmallNumbers.Number(value, behind);

        result.ShouldBe(new ShownNumber(shown, hidden));
    }
}
