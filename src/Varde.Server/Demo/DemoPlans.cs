using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Server.Demo;

/// <summary>Thresholds a nurse would propose by diagnosis, around each demo patient's own baseline.</summary>
public static class DemoPlans
{
    public static List<QuantityThreshold> For(DiagnosisGroup diagnoses, DemoBaseline b)
    {
        var thresholds = new List<QuantityThreshold>();
        if (diagnoses.HasFlag(DiagnosisGroup.Copd))
        {
            thresholds.Add(new(MeasuredQuantity.OxygenSaturation, RedLow: b.Spo2 - 5, YellowLow: b.Spo2 - 2));
            thresholds.Add(new(MeasuredQuantity.Pulse, 40m, 50m, 100m, 120m));
            thresholds.Add(new(MeasuredQuantity.BodyTemperature, YellowHigh: 38m, RedHigh: 39m));
        }

        if (diagnoses.HasFlag(DiagnosisGroup.HeartFailure))
        {
            thresholds.Add(new(MeasuredQuantity.BodyWeight, b.Weight - 4m, b.Weight - 2m, b.Weight + 2m, b.Weight + 3.5m));
            thresholds.Add(new(MeasuredQuantity.SystolicPressure, 90m, 100m, 155m, 180m));
            thresholds.Add(new(MeasuredQuantity.DiastolicPressure, YellowHigh: 95m, RedHigh: 110m));
            if (!diagnoses.HasFlag(DiagnosisGroup.Copd))
                thresholds.Add(new(MeasuredQuantity.Pulse, 40m, 50m, 100m, 120m));
        }

        if (diagnoses.HasFlag(DiagnosisGroup.Diabetes))
            thresholds.Add(new(MeasuredQuantity.BloodGlucose, 3m, 4m, 14m, 20m));
        return thresholds;
    }
}

/// <summary>A demo patient's usual level (habituell tilstand).</summary>
public sealed record DemoBaseline(decimal Spo2, decimal Pulse, decimal Weight, decimal Systolic, decimal Glucose)
{
    public static DemoBaseline For(int index)
    {
        var r = new Random(1000 + index);
        return new(r.Next(92, 97), r.Next(64, 84), Math.Round(58m + (decimal)(r.NextDouble() * 50), 1), r.Next(122, 146),
            Math.Round(6m + (decimal)(r.NextDouble() * 2.5), 1));
    }
}
