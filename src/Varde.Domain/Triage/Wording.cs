using Varde.Domain.Measurements;

namespace Varde.Domain.Triage;

/// <summary>The words of triage explanations in one language: "Vekt 82,4 kg er over gul grense 82 kg".</summary>
internal sealed record Wording(
    Func<QuantityDefinition, string> Name,
    Func<decimal, string> Number,
    string Red,
    string Yellow,
    Func<string, string> Below,
    Func<string, string> Above,
    string Within,
    string BloodPressure)
{
    public static readonly Wording Nb = new(q => q.NameNb, NumberText.Nb, "rød", "gul",
        colour => $"er under {colour} grense", colour => $"er over {colour} grense", "er innenfor grensene", "Blodtrykk");

    public static readonly Wording En = new(q => q.NameEn, NumberText.En, "red", "yellow",
        colour => $"is below the {colour} limit", colour => $"is above the {colour} limit", "is within the limits", "Blood pressure");

    /// <summary>One value: "Vekt 82,4 kg".</summary>
    public string Value(Reading r) => $"{Name(r.Quantity)} {Number(r.Value)} {r.Quantity.DisplayUnit}";

    /// <summary>A whole measurement: "Vekt 82,4 kg", "Blodtrykk 142/88 mmHg".</summary>
    public string Values(IReadOnlyList<Reading> readings) =>
        readings.Count == 1
            ? Value(readings[0])
            : $"{BloodPressure} {string.Join("/", readings.Select(r => Number(r.Value)))} {readings[0].Quantity.DisplayUnit}";

    /// <summary>Why one value got its zone: "SpO2 87 % er under rød grense 88 %".</summary>
    public string Zone(Reading r, (TriageOutcome Zone, ThresholdZone.Side Side, decimal? Bound) result)
    {
        var colour = result.Zone == TriageOutcome.Red ? Red : Yellow;
        var limit = result.Bound is { } bound ? $"{Number(bound)} {r.Quantity.DisplayUnit}" : "";
        return result.Side switch
        {
            ThresholdZone.Side.Below => $"{Value(r)} {Below(colour)} {limit}",
            ThresholdZone.Side.Above => $"{Value(r)} {Above(colour)} {limit}",
            ThresholdZone.Side.Within => $"{Value(r)} {Within}",
        };
    }
}
