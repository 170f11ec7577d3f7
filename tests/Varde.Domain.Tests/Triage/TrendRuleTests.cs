using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

/// <summary>Change over a window (heart failure: more than 2 kg in 3 days) and runs of yellow.</summary>
public sealed class TrendRuleTests
{
    private static readonly PlanVersion WeightPlan = Plan(Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m, YellowFall: 2m)]),
        new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 120m));

    [Theory]
    [InlineData("82.0", TriageOutcome.Green)]
    [InlineData("82.1", TriageOutcome.Yellow)]
    [InlineData("83.0", TriageOutcome.Yellow)]
    [InlineData("83.1", TriageOutcome.Red)]
    [InlineData("78.3", TriageOutcome.Green)]
    [InlineData("78.2", TriageOutcome.Yellow)]
    public void WeightChange_OverThreeDays_IsJudgedStrictlyAboveTheLimit(string today, TriageOutcome expected)
    {
        var result = Last(WeightPlan,
            Reading(MeasurementType.BodyWeight, Start, 80.0m),
            Reading(MeasurementType.BodyWeight, Start.AddDays(1), 80.3m),
            Reading(MeasurementType.BodyWeight, Start.AddDays(2), 80.1m),
            Reading(MeasurementType.BodyWeight, Start.AddDays(3), decimal.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

        result.Outcome.ShouldBe(expected);
        if (expected != TriageOutcome.Green)
            result.RuleId.ShouldBe(TriageRuleIds.Change);
    }

    [Fact]
    public void WeightGain_IsExplainedInWords()
    {
        var result = Last(WeightPlan, Reading(MeasurementType.BodyWeight, Start, 80.0m), Reading(MeasurementType.BodyWeight, Start.AddDays(3), 82.4m));

        result.ExplanationNb.ShouldBe("Vekt +2,4 kg på 3 dager (nå 82,4 kg) er mer enn gul grense 2 kg (plan v1). Vekt 82,4 kg er innenfor grensene (plan v1).");
        result.ExplanationEn.ShouldBe("Weight +2.4 kg over 3 days (now 82.4 kg) is more than the yellow limit 2 kg (plan v1). Weight 82.4 kg is within the limits (plan v1).");
        result.Inputs.ShouldContain(new TriageInput("bodyWeight.change3d", 2.4m, "kg"));
        result.BaseOutcome.ShouldBe(TriageOutcome.Green);
    }

    [Fact]
    public void ReadingsOutsideTheWindow_DoNotCount()
    {
        var result = Last(WeightPlan, Reading(MeasurementType.BodyWeight, Start, 78.0m), Reading(MeasurementType.BodyWeight, Start.AddDays(3.5).AddMinutes(1), 82.4m));

        result.Outcome.ShouldBe(TriageOutcome.Green);
    }

    [Theory]
    [InlineData(2, TriageOutcome.Yellow)]
    [InlineData(3, TriageOutcome.Red)]
    [InlineData(4, TriageOutcome.Red)]
    public void RunOfYellows_BecomesRedAtTheConfiguredCount(int yellows, TriageOutcome expected)
    {
        var plan = Plan(Rules(run: new ConsecutiveYellowRule(Count: 3, WithinDays: 7)), new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 85m, YellowLow: 92m));
        var reports = Enumerable.Range(0, yellows).Select(i => Reading(MeasurementType.OxygenSaturation, Start.AddDays(i), 90m)).ToArray();

        var result = Last(plan, reports);

        result.Outcome.ShouldBe(expected);
        if (expected == TriageOutcome.Red)
            result.RuleId.ShouldBe(TriageRuleIds.ConsecutiveYellow);
    }

    [Fact]
    public void RunOfYellows_IsBrokenByAGreen()
    {
        var plan = Plan(Rules(run: new ConsecutiveYellowRule(3, 7)), new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 85m, YellowLow: 92m));

        var result = Last(plan, Reading(MeasurementType.OxygenSaturation, Start, 90m), Reading(MeasurementType.OxygenSaturation, Start.AddDays(1), 95m),
            Reading(MeasurementType.OxygenSaturation, Start.AddDays(2), 90m), Reading(MeasurementType.OxygenSaturation, Start.AddDays(3), 90m));

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
    }

    [Fact]
    public void RunOfYellows_MustFallWithinItsDays()
    {
        var plan = Plan(Rules(run: new ConsecutiveYellowRule(3, 2)), new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 85m, YellowLow: 92m));

        var result = Last(plan, Reading(MeasurementType.OxygenSaturation, Start, 90m), Reading(MeasurementType.OxygenSaturation, Start.AddDays(1.5), 90m),
            Reading(MeasurementType.OxygenSaturation, Start.AddDays(2.6), 90m));

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
    }
}
