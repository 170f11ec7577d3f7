using Varde.Domain.Measurements;

namespace Varde.Domain.Tests.Measurements;

public sealed class UsualRangeTests
{
    [Fact]
    public void FewerThanFiveReadings_SayNothingAboutWhatIsUsual() =>
        UsualRange.Of([150m, 152m, 149m, 151m]).ShouldBeNull();

    [Theory]
    // A blood pressure usually 140–155 systolic: 128 is within (the walk-through's normal 128/78 after a 152/94 asked twice).
    [InlineData(new[] { 140, 145, 152, 155, 148, 150, 143, 151 }, 128, true)]
    [InlineData(new[] { 140, 145, 152, 155, 148, 150, 143, 151 }, 165, true)]
    [InlineData(new[] { 140, 145, 152, 155, 148, 150, 143, 151 }, 210, false)]
    [InlineData(new[] { 140, 145, 152, 155, 148, 150, 143, 151 }, 112, false)]
    // Diastolic 85–95: 78 is usual enough, 50 is not.
    [InlineData(new[] { 85, 88, 94, 95, 90, 91, 86 }, 78, true)]
    [InlineData(new[] { 85, 88, 94, 95, 90, 91, 86 }, 50, false)]
    // Weight steady at 82: a typing slip of 28 asks, 84 does not.
    [InlineData(new[] { 82, 82, 82, 82, 82, 82 }, 84, true)]
    [InlineData(new[] { 82, 82, 82, 82, 82, 82 }, 28, false)]
    public void AValue_IsUsual_WithinTheMiddleOfThePatientsReadingsAndAMargin(int[] readings, int value, bool usual) =>
        UsualRange.Of(readings.Select(r => (decimal)r).ToList())!.Holds(value).ShouldBe(usual);

    [Fact]
    public void OneOddReading_DoesNotWidenWhatIsUsual()
    {
        var steady = Enumerable.Repeat(82m, 40).ToList();
        var withSlip = steady.Append(28m).ToList();

        UsualRange.Of(withSlip).ShouldBe(UsualRange.Of(steady));
    }
}
