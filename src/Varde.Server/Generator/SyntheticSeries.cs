using System.Globalization;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Services;

namespace Varde.Server.Generator;

/// <summary>A generated reading: what the device sends, when it reaches Varde, and whether it is a resend of an earlier one.</summary>
public sealed record SyntheticReading(MeasurementInput Input, DateTimeOffset ReceivedAt, bool Duplicate, bool MeasurementError);

/// <summary>A deterioration episode: the days it lasts and how bad it gets at its worst (meant to be yellow or red).</summary>
public sealed record SyntheticEpisode(DateTimeOffset From, DateTimeOffset To, bool Red);

/// <summary>
/// One patient's measurements over the period: a morning routine with its daily rhythm (glucose morning and evening,
/// or every 5 minutes from a sensor), noise around the usual levels, deterioration episodes (about one every 40 days,
/// 3–6 days, half of them reaching red) on the diagnosis' key measurement, occasional measurement errors, missed days and
/// gaps (a hospital stay), resends (the same client id again), and late deliveries (2–48 h), which arrive out of order.
/// </summary>
public static class SyntheticSeries
{
    public const double MissedDayShare = 0.03;
    public const double GapStartShare = 0.01;
    public const double ErrorShare = 0.003;
    public const double DuplicateShare = 0.005;
    public const double LateShare = 0.02;
    public const double MeanDaysBetweenEpisodes = 40;

    public static (List<SyntheticReading> Readings, List<SyntheticEpisode> Episodes) For(SyntheticPatient p, GeneratorOptions o)
    {
        var r = Deterministic.Random(o.Seed, "series", p.Index);
        var episodes = Episodes(r, o);
        var readings = new List<SyntheticReading>();
        var d = p.Patient.Diagnoses;
        var b = p.Baseline;
        var gapUntil = -1;
        var serial = 0;

        void Add(MeasurementType type, DateTimeOffset at, decimal? value, decimal? systolic = null, decimal? diastolic = null, bool error = false)
        {
            if (at > o.End)
                return;
            var input = new MeasurementInput(string.Create(CultureInfo.InvariantCulture, $"gen-{o.Seed}-{p.Index}-{serial++}"), type, value, systolic, diastolic,
                Unit(type), at);
            var late = r.NextDouble() < LateShare;
            var received = late ? at.AddMinutes(r.Next(120, 48 * 60)) : at.AddSeconds(r.Next(5, 120));
            readings.Add(new SyntheticReading(input, received, false, error));
            if (r.NextDouble() < DuplicateShare)
                readings.Add(new SyntheticReading(input, received.AddMinutes(r.Next(1, 60)), true, error));
        }

        for (var day = 0; day < o.Days; day++)
        {
            var date = NorwegianTime.Today(o.Start).AddDays(day);
            if (day <= gapUntil)
                continue;
            if (r.NextDouble() < GapStartShare)
            {
                gapUntil = day + r.Next(3, 8);
                continue;
            }

            var morning = NorwegianTime.ToInstant(date, new TimeOnly(7, 30)).AddMinutes(Normal(r, 0, 40));
            var effect = Effect(episodes, morning);
            var error = r.NextDouble() < ErrorShare;
            var skipDay = r.NextDouble() < MissedDayShare;
            if (!skipDay)
            {
                if (d.HasFlag(DiagnosisGroup.Copd))
                    Add(MeasurementType.OxygenSaturation, morning, Clamp(b.Spo2 + N(r, 0.7) - (Primary(d, DiagnosisGroup.Copd) ? effect.Level(4.2m, 7.5m) : 0) - (error ? 18 : 0), 50, 100, 0), error: error);
                if (d.HasFlag(DiagnosisGroup.Copd) || d.HasFlag(DiagnosisGroup.HeartFailure) || d.HasFlag(DiagnosisGroup.Cancer))
                    Add(MeasurementType.Pulse, morning.AddMinutes(1), Clamp(b.Pulse + N(r, 3) + (Primary(d, DiagnosisGroup.Cancer) ? effect.Level(26m, 36m) : effect.Level(8m, 12m)), 35, 200, 0));
                if (d.HasFlag(DiagnosisGroup.HeartFailure))
                {
                    Add(MeasurementType.BodyWeight, morning.AddMinutes(3), Clamp(b.Weight + N(r, 0.25) + (Primary(d, DiagnosisGroup.HeartFailure) ? effect.Level(2.6m, 4.1m) : 0) + (error ? 14 : 0), 30, 250, 1), error: error);
                    Add(MeasurementType.BloodPressure, morning.AddMinutes(5), null, Clamp(b.Systolic + N(r, 5) + effect.Level(8m, 15m), 70, 240, 0),
                        Clamp(b.Diastolic + N(r, 4), 40, 140, 0));
                }

                if (d.HasFlag(DiagnosisGroup.Cancer))
                    Add(MeasurementType.BodyTemperature, morning.AddMinutes(2), Clamp(b.Temperature + N(r, 0.15) + (Primary(d, DiagnosisGroup.Cancer) ? effect.Level(1.55m, 2.2m) : 0), 34, 42, 1));
            }

            if (d.HasFlag(DiagnosisGroup.Diabetes))
            {
                var rise = Primary(d, DiagnosisGroup.Diabetes) ? effect.Level(8.8m, 12.8m) : 0;
                if (p.ContinuousGlucose)
                {
                    var midnight = NorwegianTime.ToInstant(date, TimeOnly.MinValue);
                    for (var k = 0; k < 288; k++)
                    {
                        var at = midnight.AddMinutes(5 * k);
                        var hour = k / 12.0;
                        var meals = Meal(hour, 8) + Meal(hour, 12.5) + Meal(hour, 18);
                        Add(MeasurementType.BloodGlucose, at, Clamp(b.Glucose + (decimal)meals + N(r, 0.3) + Effect(episodes, at).Level(8.8m, 12.8m), 1.5m, 33, 1));
                    }
                }
                else if (!skipDay)
                {
                    Add(MeasurementType.BloodGlucose, morning.AddMinutes(4), Clamp(b.Glucose + N(r, 0.7) + rise, 1.5m, 33, 1));
                    var evening = NorwegianTime.ToInstant(date, new TimeOnly(20, 0)).AddMinutes(Normal(r, 0, 30));
                    Add(MeasurementType.BloodGlucose, evening, Clamp(b.Glucose + 1m + N(r, 0.9) + Effect(episodes, evening).Level(8.8m, 12.8m), 1.5m, 33, 1));
                }
            }
        }

        readings.Sort((x, y) => x.Input.EffectiveAt!.Value.CompareTo(y.Input.EffectiveAt!.Value));
        return (readings, episodes);
    }

    /// <summary>The diagnosis whose key measurement an episode moves: the first of COPD, heart failure, cancer, diabetes the patient has.</summary>
    public static bool Primary(DiagnosisGroup d, DiagnosisGroup which) =>
        (d.HasFlag(DiagnosisGroup.Copd) ? DiagnosisGroup.Copd
            : d.HasFlag(DiagnosisGroup.HeartFailure) ? DiagnosisGroup.HeartFailure
            : d.HasFlag(DiagnosisGroup.Cancer) ? DiagnosisGroup.Cancer
            : DiagnosisGroup.Diabetes) == which;

    private static List<SyntheticEpisode> Episodes(Random r, GeneratorOptions o)
    {
        var episodes = new List<SyntheticEpisode>();
        var at = o.Start.AddDays(-Math.Log(1 - r.NextDouble()) * MeanDaysBetweenEpisodes);
        while (at < o.End)
        {
            var length = r.Next(3, 7);
            episodes.Add(new SyntheticEpisode(at, at.AddDays(length), r.NextDouble() < 0.5));
            at = at.AddDays(length + 7 - (Math.Log(1 - r.NextDouble()) * MeanDaysBetweenEpisodes));
        }

        return episodes;
    }

    /// <summary>How far into an episode a moment is: 0 outside, rising to 1 over the first third, full in the middle, easing in the last third.</summary>
    private readonly record struct EpisodeEffect(double Strength, bool Red)
    {
        public decimal Level(decimal yellow, decimal red) => (decimal)Strength * (Red ? red : yellow);
    }

    private static EpisodeEffect Effect(List<SyntheticEpisode> episodes, DateTimeOffset at)
    {
        foreach (var e in episodes)
        {
            if (at < e.From || at >= e.To)
                continue;
            var x = (at - e.From) / (e.To - e.From);
            var strength = x < 1 / 3.0 ? 0.45 + (x * 1.65) : x > 2 / 3.0 ? 1 - ((x - (2 / 3.0)) * 1.2) : 1;
            return new EpisodeEffect(Math.Clamp(strength, 0, 1), e.Red);
        }

        return default;
    }

    private static double Meal(double hour, double at) => hour < at ? 0 : 3.2 * Math.Exp(-(hour - at) / 1.3) * Math.Min(1, (hour - at) * 2);

    private static decimal N(Random r, double sd) => (decimal)Normal(r, 0, sd);

    private static double Normal(Random r, double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble()));

    private static decimal Clamp(decimal value, decimal min, decimal max, int decimals) => Math.Round(Math.Clamp(value, min, max), decimals);

    private static string Unit(MeasurementType type) => MeasurementCatalogue.Get(type).Components[0].UcumUnit;
}
