using Varde.Domain.Measurements;
using Varde.Domain.Patients;

namespace Varde.Server.Demo;

/// <summary>
/// 60 days of readings for one demo patient: a morning rhythm with noise, some missed days, now and then an
/// implausible value (a measurement error), and for some patients a deterioration episode that turns yellow and red.
/// </summary>
public static class DemoMeasurements
{
    public const int Days = 60;

    public static IEnumerable<MeasurementInput> For(DemoPopulation.DemoPatient patient, DemoBaseline b, DateTimeOffset now)
    {
        var readings = Generate(patient, b, now).ToList();
        // Some patients' latest reading is a handling error, so today's worklist has "check measurement" items.
        var last = readings.FindLastIndex(m => m.Value is not null);
        if (patient.Index % 9 == 3 && last >= 0)
            readings[last] = readings[last] with { Value = MeasurementCatalogue.Get(readings[last].Type!.Value).Components[0].PlausibleMin / 2 };
        return readings;
    }

    /// <summary>
    /// The day a patient's five-day deterioration starts: a few patients are in one now (today's reds and yellows),
    /// a few had one some weeks ago (handled alerts in their history), the rest are stable.
    /// </summary>
    public static int EpisodeStart(DemoPopulation.DemoPatient patient) => (patient.Index % 10) switch
    {
        1 => Days - 3 - (patient.Index % 3),
        6 => Days - 20 + (patient.Index % 8),
        _ => int.MaxValue,
    };

    private static IEnumerable<MeasurementInput> Generate(DemoPopulation.DemoPatient patient, DemoBaseline b, DateTimeOffset now)
    {
        var r = new Random(patient.Index * 7919);
        var episodeStart = DemoMeasurements.EpisodeStart(patient);
        var n = 0;
        for (var day = 0; day <= Days; day++)
        {
            if (r.NextDouble() < 0.05)
                continue;
            var worse = day >= episodeStart && day < episodeStart + 5 ? day - episodeStart + 1 : 0;
            var morning = DemoTime.On(now, Days, day, new TimeOnly(6, 30)).AddMinutes(r.Next(0, 120));
            foreach (var reading in Day(patient.Diagnoses, b, r, worse, day))
            {
                var at = morning.AddMinutes(reading.MinutesLater);
                if (at > now)
                    continue;
                yield return reading.Input with { ClientId = $"demo-{patient.Index}-{n++}", EffectiveAt = at };
            }
        }
    }

    private sealed record Planned(MeasurementInput Input, int MinutesLater);

    private static IEnumerable<Planned> Day(DiagnosisGroup d, DemoBaseline b, Random r, int worse, int day)
    {
        if (d.HasFlag(DiagnosisGroup.Copd))
        {
            yield return One(MeasurementType.OxygenSaturation, Error(r, Math.Min(100, b.Spo2 + Noise(r, 1) - (worse * 1.6m)), 0, 38m), "%", 0);
            yield return One(MeasurementType.Pulse, Error(r, b.Pulse + Noise(r, 4) + (worse * 6), 0, 8m), "/min", 1);
            if (day % 4 == 0 || worse > 2)
                yield return One(MeasurementType.BodyTemperature, Math.Round(36.7m + Noise(r, 0.3m) + (worse > 2 ? 1.2m : 0), 1), "Cel", 2);
        }

        if (d.HasFlag(DiagnosisGroup.HeartFailure))
        {
            var weight = Math.Round(b.Weight + Noise(r, 0.3m) + (worse * 0.8m), 1);
            yield return One(MeasurementType.BodyWeight, Error(r, weight, 1, weight * 10), "kg", 5);
            var systolic = Math.Round(b.Systolic + Noise(r, 7) + (worse * 9));
            var bp = new MeasurementInput(null, MeasurementType.BloodPressure, null, systolic, Math.Round(systolic * 0.62m + Noise(r, 4)), "mm[Hg]", null);
            yield return new Planned(bp, 10);
        }

        if (d.HasFlag(DiagnosisGroup.Diabetes))
        {
            yield return One(MeasurementType.BloodGlucose, Math.Max(2.2m, Math.Round(b.Glucose + Noise(r, 1.2m) + (worse * 2.5m), 1)), "mmol/L", 15);
            yield return One(MeasurementType.BloodGlucose, Math.Max(2.2m, Math.Round(b.Glucose + 1.5m + Noise(r, 1.8m) + (worse * 2.5m), 1)), "mmol/L", 720);
        }
    }

    private static Planned One(MeasurementType type, decimal value, string unit, int minutesLater) =>
        new(new MeasurementInput(null, type, value, null, null, unit, null), minutesLater);

    // About one reading in 70 is a handling error: a probe off the finger, a typo with an extra digit.
    private static decimal Error(Random r, decimal value, int decimals, decimal wrong) =>
        r.NextDouble() < 1.0 / 70 ? Math.Round(wrong, decimals) : Math.Round(value, decimals);

    private static decimal Noise(Random r, decimal scale) =>
        (decimal)((r.NextDouble() + r.NextDouble() + r.NextDouble() - 1.5) * 1.4) * scale;
}
