using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Triage;

public sealed class ThresholdTriageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static PlanVersion Plan(params QuantityThreshold[] thresholds) =>
        PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), thresholds, "nurse-1", Now).Value;

    private static TriageResult Triage(MeasurementType type, PlanVersion? plan, params decimal[] values) =>
        ThresholdTriage.Evaluate(MeasurementCatalogue.Get(type), values, plan);

    [Fact]
    public void Evaluate_Spo2BelowRed_ExplainsInBokmalAndEnglish()
    {
        var plan = Plan(new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m));

        var result = Triage(MeasurementType.OxygenSaturation, plan, 87m);

        result.Outcome.ShouldBe(TriageOutcome.Red);
        result.ExplanationNb.ShouldBe("SpO2 87 % er under rød grense 88 % (plan v1).");
        result.ExplanationEn.ShouldBe("SpO2 87 % is below the red limit 88 % (plan v1).");
        result.RuleId.ShouldBe(TriageRuleIds.Threshold);
        result.RuleVersion.ShouldBe(1);
        result.PlanVersionId.ShouldBe(plan.Id);
        result.PlanVersionNumber.ShouldBe(1);
        result.Inputs.ShouldBe([new("oxygenSaturation", 87m, "%"), new("oxygenSaturation.redLow", 88m, "%"), new("oxygenSaturation.yellowLow", 92m, "%")]);
    }

    [Fact]
    public void Evaluate_WeightAboveYellow_UsesDecimalCommaInBokmal()
    {
        var plan = Plan(new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 82m, RedHigh: 84m));

        var result = Triage(MeasurementType.BodyWeight, plan, 82.4m);

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
        result.ExplanationNb.ShouldBe("Vekt 82,4 kg er over gul grense 82 kg (plan v1).");
        result.ExplanationEn.ShouldBe("Weight 82.4 kg is above the yellow limit 82 kg (plan v1).");
    }

    public static TheoryData<decimal, decimal, TriageOutcome> BloodPressureCases => new()
    {
        { 120m, 80m, TriageOutcome.Green },
        { 140m, 90m, TriageOutcome.Green },
        { 141m, 80m, TriageOutcome.Yellow },
        { 120m, 91m, TriageOutcome.Yellow },
        { 181m, 80m, TriageOutcome.Red },
        { 150m, 111m, TriageOutcome.Red },
        { 89m, 55m, TriageOutcome.Red },
    };

    [Theory, MemberData(nameof(BloodPressureCases))]
    public void Evaluate_BloodPressure_WorstComponentWins(decimal systolic, decimal diastolic, TriageOutcome expected)
    {
        var plan = Plan(
            new QuantityThreshold(MeasuredQuantity.SystolicPressure, 90m, 100m, 140m, 180m),
            new QuantityThreshold(MeasuredQuantity.DiastolicPressure, 50m, 60m, 90m, 110m));

        Triage(MeasurementType.BloodPressure, plan, systolic, diastolic).Outcome.ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_BloodPressureWithOnlySystolicThresholds_JudgesSystolic()
    {
        var plan = Plan(new QuantityThreshold(MeasuredQuantity.SystolicPressure, YellowHigh: 140m));

        var result = Triage(MeasurementType.BloodPressure, plan, 150m, 100m);

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
        result.ExplanationNb.ShouldStartWith("Systolisk blodtrykk 150 mmHg er over gul grense 140 mmHg");
    }

    [Fact]
    public void Evaluate_NoThresholdsForType_IsLeftForANurse()
    {
        var plan = Plan(new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 88m));

        var result = Triage(MeasurementType.BodyWeight, plan, 80m);

        result.Outcome.ShouldBe(TriageOutcome.NoThresholds);
        result.RuleId.ShouldBe(TriageRuleIds.NoThresholds);
        result.ExplanationNb.ShouldContain("ingen grenseverdier i planen for vekt");
    }

    [Fact]
    public void Evaluate_NoPlanYet_IsLeftForANurse()
    {
        var result = Triage(MeasurementType.Pulse, null, 72m);

        result.Outcome.ShouldBe(TriageOutcome.NoThresholds);
        result.PlanVersionId.ShouldBeNull();
    }

    public static TheoryData<MeasurementType, decimal[]> Implausible => new()
    {
        { MeasurementType.OxygenSaturation, [49m] },
        { MeasurementType.OxygenSaturation, [101m] },
        { MeasurementType.Pulse, [19m] },
        { MeasurementType.Pulse, [251m] },
        { MeasurementType.BodyWeight, [512m] },
        { MeasurementType.BodyWeight, [19.9m] },
        { MeasurementType.BodyTemperature, [29.9m] },
        { MeasurementType.BodyTemperature, [45.1m] },
        { MeasurementType.BloodGlucose, [0.4m] },
        { MeasurementType.BloodGlucose, [50.1m] },
        { MeasurementType.RespiratoryRate, [2m] },
        { MeasurementType.RespiratoryRate, [81m] },
        { MeasurementType.PeakFlow, [29m] },
        { MeasurementType.PeakFlow, [1001m] },
        { MeasurementType.BloodPressure, [301m, 80m] },
        { MeasurementType.BloodPressure, [120m, 19m] },
        { MeasurementType.BloodPressure, [80m, 80m] },
        { MeasurementType.BloodPressure, [70m, 90m] },
    };

    [Theory, MemberData(nameof(Implausible))]
    public void Evaluate_ImplausibleValue_IsSuspectedMeasurementErrorNotAZone(MeasurementType type, decimal[] values)
    {
        var plan = Plan(
            new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 88m),
            new QuantityThreshold(MeasuredQuantity.SystolicPressure, RedLow: 90m));

        var result = Triage(type, plan, values);

        result.Outcome.ShouldBe(TriageOutcome.SuspectedMeasurementError);
        result.RuleId.ShouldBe(TriageRuleIds.Plausibility);
        result.ExplanationNb.ShouldContain("mål på nytt");
        result.ExplanationEn.ShouldContain("measure again");
    }

    public static TheoryData<MeasurementType, decimal> PlausibleEdges => new()
    {
        { MeasurementType.OxygenSaturation, 50m },
        { MeasurementType.OxygenSaturation, 100m },
        { MeasurementType.BodyWeight, 20m },
        { MeasurementType.BodyWeight, 350m },
        { MeasurementType.BodyTemperature, 30m },
        { MeasurementType.BodyTemperature, 45m },
    };

    [Theory, MemberData(nameof(PlausibleEdges))]
    public void Evaluate_AtPlausibleRangeEdge_IsStillAClinicalValue(MeasurementType type, decimal value) =>
        Triage(type, null, value).Outcome.ShouldBe(TriageOutcome.NoThresholds);
}
