using Varde.Domain.Triage;

namespace Varde.Domain.Measurements;

/// <summary>One reading of one quantity, for a summary: when, the value in the display unit, and its zone if judged.</summary>
public sealed record SummaryReading(DateTimeOffset At, decimal Value, TriageOutcome? Zone);

/// <summary>
/// A plain-language sentence about the last week of one quantity, for the patient ("Vekten din har vært stabil denne
/// uken, rundt 82,4 kg. Alle målingene var grønne."). It compares the median of the last 7 days with the 7 days
/// before; a difference within the quantity's everyday variation counts as stable.
/// </summary>
public static class ValueSummary
{
    private sealed record Words(string Nb, bool NeuterNb, string En, decimal SteadyWithin);

    private static readonly Dictionary<MeasuredQuantity, Words> Names = new()
    {
        [MeasuredQuantity.SystolicPressure] = new("Det øvre blodtrykket ditt", true, "Your upper blood pressure", 10m),
        [MeasuredQuantity.DiastolicPressure] = new("Det nedre blodtrykket ditt", true, "Your lower blood pressure", 6m),
        [MeasuredQuantity.Pulse] = new("Pulsen din", false, "Your pulse", 6m),
        [MeasuredQuantity.OxygenSaturation] = new("Oksygenmetningen din", false, "Your oxygen saturation", 2m),
        [MeasuredQuantity.BodyWeight] = new("Vekten din", false, "Your weight", 1m),
        [MeasuredQuantity.BodyTemperature] = new("Temperaturen din", false, "Your temperature", 0.5m),
        [MeasuredQuantity.BloodGlucose] = new("Blodsukkeret ditt", true, "Your blood sugar", 1.5m),
        [MeasuredQuantity.RespiratoryRate] = new("Pustefrekvensen din", false, "Your breathing rate", 3m),
        [MeasuredQuantity.PeakFlow] = new("Peak flow-verdien din", false, "Your peak flow", 30m),
    };

    public static (string Nb, string En) For(QuantityDefinition quantity, IReadOnlyList<SummaryReading> readings, DateTimeOffset now)
    {
        var words = Names[quantity.Quantity];
        var week = readings.Where(r => r.At > now.AddDays(-7) && r.At <= now).ToList();
        var before = readings.Where(r => r.At > now.AddDays(-14) && r.At <= now.AddDays(-7)).ToList();
        if (week.Count == 0)
            return ($"{words.Nb} er ikke målt de siste 7 dagene.", $"{words.En} has not been measured in the last 7 days.");

        var level = Median(week);
        var unit = quantity.DisplayUnit;
        var around = (Nb: $"rundt {Number(level, quantity.Decimals, "nb")} {unit}", En: $"around {Number(level, quantity.Decimals, "en")} {unit}");
        (string Nb, string En) trend;
        if (before.Count < 2)
        {
            trend = ($"{words.Nb} har vært {around.Nb} denne uken.", $"{words.En} has been {around.En} this week.");
        }
        else
        {
            var change = level - Median(before);
            var size = (Nb: $"{Number(Math.Abs(change), quantity.Decimals, "nb")} {unit}", En: $"{Number(Math.Abs(change), quantity.Decimals, "en")} {unit}");
            trend = Math.Abs(change) <= words.SteadyWithin
                ? ($"{words.Nb} har vært {(words.NeuterNb ? "stabilt" : "stabil")} denne uken, {around.Nb}.", $"{words.En} has been steady this week, {around.En}.")
                : change > 0
                    ? ($"{words.Nb} har gått opp {size.Nb} fra uken før, til {around.Nb}.", $"{words.En} has gone up {size.En} from the week before, to {around.En}.")
                    : ($"{words.Nb} har gått ned {size.Nb} fra uken før, til {around.Nb}.", $"{words.En} has gone down {size.En} from the week before, to {around.En}.");
        }

        var judged = week.Where(r => r.Zone is TriageOutcome.Green or TriageOutcome.Yellow or TriageOutcome.Red).ToList();
        var flagged = judged.Count(r => r.Zone is TriageOutcome.Yellow or TriageOutcome.Red);
        var zones = judged.Count == 0 ? ("", "")
            : flagged == 0 ? (" Alle målingene var grønne.", " All readings were green.")
            : ($" {flagged} av {judged.Count} målinger var gule eller røde.", $" {flagged} of {judged.Count} readings were yellow or red.");
        return (trend.Nb + zones.Item1, trend.En + zones.Item2);
    }

    private static decimal Median(List<SummaryReading> readings)
    {
        var values = readings.Select(r => r.Value).Order().ToList();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Number(decimal value, int decimals, string language)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return language == "nb" ? NumberText.Nb(rounded) : NumberText.En(rounded);
    }
}
