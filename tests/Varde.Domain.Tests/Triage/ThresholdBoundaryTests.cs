using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Triage;

/// <summary>Below, at and above every bound, for every measured quantity: a bound belongs to the calmer zone.</summary>
public sealed class ThresholdBoundaryTests
{
    private static readonly Dictionary<MeasuredQuantity, QuantityThreshold> Limits = new()
    {
        [MeasuredQuantity.SystolicPressure] = new(MeasuredQuantity.SystolicPressure, 90m, 100m, 140m, 180m),
        [MeasuredQuantity.DiastolicPressure] = new(MeasuredQuantity.DiastolicPressure, 50m, 60m, 90m, 110m),
        [MeasuredQuantity.Pulse] = new(MeasuredQuantity.Pulse, 40m, 50m, 100m, 130m),
        [MeasuredQuantity.OxygenSaturation] = new(MeasuredQuantity.OxygenSaturation, 88m, 92m, null, null),
        [MeasuredQuantity.BodyWeight] = new(MeasuredQuantity.BodyWeight, 60m, 65m, 82.5m, 85m),
        [MeasuredQuantity.BodyTemperature] = new(MeasuredQuantity.BodyTemperature, 35m, 36m, 38m, 39m),
        [MeasuredQuantity.BloodGlucose] = new(MeasuredQuantity.BloodGlucose, 3m, 4m, 12m, 20m),
        [MeasuredQuantity.RespiratoryRate] = new(MeasuredQuantity.RespiratoryRate, 8m, 12m, 20m, 25m),
        [MeasuredQuantity.PeakFlow] = new(MeasuredQuantity.PeakFlow, 200m, 300m, null, null),
    };

    public static TheoryData<MeasuredQuantity, decimal, TriageOutcome> EveryBound()
    {
        var data = new TheoryData<MeasuredQuantity, decimal, TriageOutcome>();
        const decimal step = 0.1m;
        foreach (var (quantity, t) in Limits)
        {
            if (t.RedLow is { } redLow)
            {
                data.Add(quantity, redLow - step, TriageOutcome.Red);
                data.Add(quantity, redLow, TriageOutcome.Yellow);
                data.Add(quantity, redLow + step, TriageOutcome.Yellow);
            }

            if (t.YellowLow is { } yellowLow)
            {
                data.Add(quantity, yellowLow - step, TriageOutcome.Yellow);
                data.Add(quantity, yellowLow, TriageOutcome.Green);
                data.Add(quantity, yellowLow + step, TriageOutcome.Green);
            }

            if (t.YellowHigh is { } yellowHigh)
            {
                data.Add(quantity, yellowHigh - step, TriageOutcome.Green);
                data.Add(quantity, yellowHigh, TriageOutcome.Green);
                data.Add(quantity, yellowHigh + step, TriageOutcome.Yellow);
            }

            if (t.RedHigh is { } redHigh)
            {
                data.Add(quantity, redHigh - step, TriageOutcome.Yellow);
                data.Add(quantity, redHigh, TriageOutcome.Yellow);
                data.Add(quantity, redHigh + step, TriageOutcome.Red);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(EveryBound))]
    public void Evaluate_AtEachBound_BoundBelongsToCalmerZone(MeasuredQuantity quantity, decimal value, TriageOutcome expected) =>
        ThresholdZone.Evaluate(value, Limits[quantity]).Zone.ShouldBe(expected);

    [Fact]
    public void EveryBound_CoversEveryMeasuredQuantity() =>
        EveryBound().Select(row => (MeasuredQuantity)row[0]).Distinct().Count().ShouldBe(Enum.GetValues<MeasuredQuantity>().Length);

    public static TheoryData<QuantityThreshold, decimal, TriageOutcome> UnsetBounds => new()
    {
        { new(MeasuredQuantity.OxygenSaturation, RedLow: 88m), 87m, TriageOutcome.Red },
        { new(MeasuredQuantity.OxygenSaturation, RedLow: 88m), 88m, TriageOutcome.Green },
        { new(MeasuredQuantity.OxygenSaturation, RedLow: 88m), 100m, TriageOutcome.Green },
        { new(MeasuredQuantity.BodyWeight, YellowHigh: 90m), 20m, TriageOutcome.Green },
        { new(MeasuredQuantity.BodyWeight, YellowHigh: 90m), 90.1m, TriageOutcome.Yellow },
        { new(MeasuredQuantity.BodyWeight, YellowHigh: 90m), 300m, TriageOutcome.Yellow },
        { new(MeasuredQuantity.Pulse, RedHigh: 130m), 131m, TriageOutcome.Red },
        { new(MeasuredQuantity.Pulse, RedHigh: 130m), 25m, TriageOutcome.Green },
        { new(MeasuredQuantity.Pulse, YellowLow: 50m, RedHigh: 130m), 49m, TriageOutcome.Yellow },
    };

    [Theory, MemberData(nameof(UnsetBounds))]
    public void Evaluate_UnsetBound_NeverFires(QuantityThreshold threshold, decimal value, TriageOutcome expected) =>
        ThresholdZone.Evaluate(value, threshold).Zone.ShouldBe(expected);
}
