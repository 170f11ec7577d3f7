using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Measurements;

public sealed class ValueSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly QuantityDefinition Weight = MeasurementCatalogue.Get(MeasuredQuantity.BodyWeight);

    private static List<SummaryReading> Daily(decimal lastWeek, decimal thisWeek, TriageOutcome zone = TriageOutcome.Green) =>
        Enumerable.Range(1, 13).Select(d => new SummaryReading(Now.AddDays(-d), d >= 7 ? lastWeek : thisWeek, zone)).ToList();

    [Fact]
    public void SteadyWeight_SaysStableAndAllGreen()
    {
        var (nb, en) = ValueSummary.For(Weight, Daily(82.4m, 82.8m), Now);

        nb.ShouldBe("Vekten din har vært stabil denne uken, rundt 82,8 kg. Alle målingene var grønne.");
        en.ShouldBe("Your weight has been steady this week, around 82.8 kg. All readings were green.");
    }

    [Fact]
    public void RisingWeight_SaysHowMuch_AndCountsYellowAndRed()
    {
        var readings = Daily(80m, 82.4m);
        readings[0] = readings[0] with { Zone = TriageOutcome.Yellow };

        var (nb, en) = ValueSummary.For(Weight, readings, Now);

        nb.ShouldBe("Vekten din har gått opp 2,4 kg fra uken før, til rundt 82,4 kg. 1 av 6 målinger var gule eller røde.");
        en.ShouldBe("Your weight has gone up 2.4 kg from the week before, to around 82.4 kg. 1 of 6 readings were yellow or red.");
    }

    [Fact]
    public void NeuterNouns_GetTheNeuterAdjective()
    {
        var glucose = MeasurementCatalogue.Get(MeasuredQuantity.BloodGlucose);

        ValueSummary.For(glucose, Daily(7m, 7.4m), Now).Nb.ShouldStartWith("Blodsukkeret ditt har vært stabilt denne uken, rundt 7,4 mmol/L.");
    }

    [Fact]
    public void NoReadingsThisWeek_SaysSo() =>
        ValueSummary.For(Weight, [new(Now.AddDays(-10), 80m, TriageOutcome.Green)], Now).Nb.ShouldBe("Vekten din er ikke målt de siste 7 dagene.");

    [Fact]
    public void WholeNumbers_HaveNoDecimalSign() =>
        ValueSummary.For(MeasurementCatalogue.Get(MeasuredQuantity.OxygenSaturation), [new(Now.AddHours(-1), 94m, null)], Now)
            .En.ShouldBe("Your oxygen saturation has been around 94 % this week.");
}
