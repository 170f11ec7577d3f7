using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Triage;

/// <summary>NEWS2 against the RCP table (standards.md §5.1), at every boundary.</summary>
public sealed class News2ScoreTests
{
    private static readonly News2Parameters Normal = new(16, 97, false, 120, 70, true, 37.0m);

    [Theory]
    [InlineData(8, 3)]
    [InlineData(9, 1)]
    [InlineData(11, 1)]
    [InlineData(12, 0)]
    [InlineData(20, 0)]
    [InlineData(21, 2)]
    [InlineData(24, 2)]
    [InlineData(25, 3)]
    public void RespiratoryRate(int rate, int expected) =>
        News2Score.Compute(Normal with { RespiratoryRate = rate }, false).Total.ShouldBe(expected);

    [Theory]
    [InlineData(91, 3)]
    [InlineData(92, 2)]
    [InlineData(93, 2)]
    [InlineData(94, 1)]
    [InlineData(95, 1)]
    [InlineData(96, 0)]
    public void Spo2Scale1(int spo2, int expected) =>
        News2Score.Compute(Normal with { OxygenSaturation = spo2 }, false).Total.ShouldBe(expected);

    [Theory]
    [InlineData(90, 3)]
    [InlineData(91, 2)]
    [InlineData(100, 2)]
    [InlineData(101, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 0)]
    [InlineData(219, 0)]
    [InlineData(220, 3)]
    public void SystolicPressure(int sbp, int expected) =>
        News2Score.Compute(Normal with { SystolicPressure = sbp }, false).Total.ShouldBe(expected);

    [Theory]
    [InlineData(40, 3)]
    [InlineData(41, 1)]
    [InlineData(50, 1)]
    [InlineData(51, 0)]
    [InlineData(90, 0)]
    [InlineData(91, 1)]
    [InlineData(110, 1)]
    [InlineData(111, 2)]
    [InlineData(130, 2)]
    [InlineData(131, 3)]
    public void Pulse(int pulse, int expected) =>
        News2Score.Compute(Normal with { Pulse = pulse }, false).Total.ShouldBe(expected);

    [Theory]
    [InlineData("35.0", 3)]
    [InlineData("35.1", 1)]
    [InlineData("36.0", 1)]
    [InlineData("36.1", 0)]
    [InlineData("38.0", 0)]
    [InlineData("38.1", 1)]
    [InlineData("39.0", 1)]
    [InlineData("39.1", 2)]
    public void Temperature(string temperature, int expected) =>
        News2Score.Compute(Normal with { Temperature = decimal.Parse(temperature, System.Globalization.CultureInfo.InvariantCulture) }, false)
            .Total.ShouldBe(expected);

    [Fact]
    public void NewConfusion_ScoresThree() => News2Score.Compute(Normal with { AlertConsciousness = false }, false).Total.ShouldBe(3);

    [Fact]
    public void Oxygen_ScoresTwo() => News2Score.Compute(Normal with { OnOxygen = true }, false).AirOrOxygen.ShouldBe(2);

    [Theory]
    [InlineData(93, false, 0)]
    [InlineData(93, true, 1)]
    [InlineData(94, true, 1)]
    [InlineData(95, true, 2)]
    [InlineData(96, true, 2)]
    [InlineData(97, true, 3)]
    [InlineData(97, false, 0)]
    [InlineData(92, true, 0)]
    [InlineData(88, false, 0)]
    [InlineData(87, false, 1)]
    [InlineData(86, false, 1)]
    [InlineData(85, false, 2)]
    [InlineData(84, false, 2)]
    [InlineData(83, false, 3)]
    public void Spo2Scale2(int spo2, bool onOxygen, int expectedSpo2Score) =>
        News2Score.Compute(Normal with { OxygenSaturation = spo2, OnOxygen = onOxygen }, true).OxygenSaturation.ShouldBe(expectedSpo2Score);

    [Fact]
    public void SynaneticsExample_TotalsFiveNotSix()
    {
        // standards.md §5.1: the public example says 6, but 37.5 °C scores 0, so the total is 5.
        var result = News2Score.Compute(new News2Parameters(21, 93, false, 120, 95, true, 37.5m), false);

        result.Total.ShouldBe(5);
        result.Temperature.ShouldBe(0);
        (result.RespiratoryRate, result.OxygenSaturation, result.Pulse).ShouldBe((2, 2, 1));
    }
}
