using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Tests.Plans;

public sealed class BaselineProposalTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static List<(DateTimeOffset, decimal)> Daily(params decimal[] values) =>
        values.Select((v, i) => (Start.AddDays(i), v)).ToList();

    [Fact]
    public void Spo2_ProposesYellowAndRedBelowTheUsualLevel_WithTheDataBehindIt()
    {
        var proposal = BaselineProposal.For(MeasuredQuantity.OxygenSaturation, Daily(95, 96, 94, 95, 95, 97, 95, 94, 96, 95));

        proposal.Basis!.Median.ShouldBe(95m);
        proposal.Basis.Mad.ShouldBe(0.5m);
        proposal.Basis.Days.ShouldBe(10);
        proposal.Basis.RobustSpread.ShouldBe(1m);   // 1.4826 × 0.5 = 0.74, raised to the minimum spread 1
        proposal.Threshold.ShouldBe(new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 92, YellowLow: 93));
        proposal.Notes.ShouldBeEmpty();
    }

    [Fact]
    public void OneOddReading_DoesNotMoveTheProposal()
    {
        var steady = BaselineProposal.For(MeasuredQuantity.Pulse, Daily(70, 72, 71, 69, 70, 73, 70, 71));
        var withOutlier = BaselineProposal.For(MeasuredQuantity.Pulse, Daily(70, 72, 71, 69, 70, 73, 70, 140));

        withOutlier.Basis!.Median.ShouldBe(steady.Basis!.Median);
        withOutlier.Threshold!.YellowHigh.ShouldBe(steady.Threshold!.YellowHigh);
    }

    [Fact]
    public void ProposalsOutsideTheClinicalLimits_AreMovedInside_AndSaySo()
    {
        // A patient whose usual SpO2 is 88 %: 3 spreads below would be far under the hard limit of 80.
        var proposal = BaselineProposal.For(MeasuredQuantity.OxygenSaturation, Daily(88, 84, 91, 86, 89, 83, 90, 87, 92, 85));

        proposal.Threshold!.RedLow.ShouldBe(80m);
        proposal.Notes.ShouldContain(n => n.Contains("clinical limit 80"));
        proposal.Threshold.YellowLow!.Value.ShouldBeGreaterThanOrEqualTo(proposal.Threshold.RedLow!.Value);
        proposal.Threshold.Check("t").ShouldBeEmpty();
    }

    [Fact]
    public void TooFewDays_GiveNoProposal()
    {
        var readings = Enumerable.Range(0, 12).Select(i => (Start.AddHours(i * 10), 95m)).ToList();

        var proposal = BaselineProposal.For(MeasuredQuantity.OxygenSaturation, readings);

        proposal.Threshold.ShouldBeNull();
        proposal.Notes.ShouldHaveSingleItem().En.ShouldContain("Too few days with readings (5)");
    }

    [Fact]
    public void Weight_GetsNoAbsoluteThresholds() =>
        BaselineProposal.For(MeasuredQuantity.BodyWeight, Daily(80, 80, 81, 80, 79, 80, 80)).Threshold.ShouldBeNull();

    [Fact]
    public void BloodPressure_ProposesBothSides_RoundedAndOrdered()
    {
        var proposal = BaselineProposal.For(MeasuredQuantity.SystolicPressure, Daily(132, 128, 135, 130, 127, 138, 131, 129, 133, 130));

        var t = proposal.Threshold!;
        new[] { t.RedLow, t.YellowLow, t.YellowHigh, t.RedHigh }.ShouldAllBe(b => b != null && b == decimal.Round(b.Value));
        t.Check("t").ShouldBeEmpty();
        t.YellowHigh!.Value.ShouldBeGreaterThan(proposal.Basis!.P95);
    }
}
