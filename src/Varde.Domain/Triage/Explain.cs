namespace Varde.Domain.Triage;

/// <summary>The sentences that explain a triage decision, in bokmål and English.</summary>
internal static class Explain
{
    public static string Nb(Reading r, (TriageOutcome Zone, ThresholdZone.Side Side, decimal? Bound) result)
    {
        var value = $"{r.Quantity.NameNb} {NumberText.Nb(r.Value)} {r.Quantity.DisplayUnit}";
        var colour = result.Zone == TriageOutcome.Red ? "rød" : "gul";
        return result.Side switch
        {
            ThresholdZone.Side.Below => $"{value} er under {colour} grense {NumberText.Nb(result.Bound!.Value)} {r.Quantity.DisplayUnit}",
            ThresholdZone.Side.Above => $"{value} er over {colour} grense {NumberText.Nb(result.Bound!.Value)} {r.Quantity.DisplayUnit}",
            ThresholdZone.Side.Within => $"{value} er innenfor grensene",
        };
    }

    public static string En(Reading r, (TriageOutcome Zone, ThresholdZone.Side Side, decimal? Bound) result)
    {
        var value = $"{r.Quantity.NameEn} {NumberText.En(r.Value)} {r.Quantity.DisplayUnit}";
        var colour = result.Zone == TriageOutcome.Red ? "red" : "yellow";
        return result.Side switch
        {
            ThresholdZone.Side.Below => $"{value} is below the {colour} limit {NumberText.En(result.Bound!.Value)} {r.Quantity.DisplayUnit}",
            ThresholdZone.Side.Above => $"{value} is above the {colour} limit {NumberText.En(result.Bound!.Value)} {r.Quantity.DisplayUnit}",
            ThresholdZone.Side.Within => $"{value} is within the limits",
        };
    }
}
