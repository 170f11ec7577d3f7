namespace Varde.Domain.Measurements;

/// <summary>
/// How one measured quantity is coded (LOINC, UCUM), which units are accepted and converted, the number of
/// decimals kept after conversion, what is physically plausible, and its names for people.
/// </summary>
public sealed record QuantityDefinition(
    MeasuredQuantity Quantity,
    string Loinc,
    string UcumUnit,
    string DisplayUnit,
    int Decimals,
    decimal PlausibleMin,
    decimal PlausibleMax,
    string NameNb,
    string NameEn,
    IReadOnlyList<UnitConversion> Units)
{
    /// <summary>Converts a value in any accepted unit to the canonical unit, or null when the unit is not accepted.</summary>
    public decimal? ToCanonical(decimal value, string unit)
    {
        var conversion = Units.FirstOrDefault(u => string.Equals(u.Unit, unit.Trim(), StringComparison.Ordinal));
        if (conversion is null)
            return null;
        var converted = conversion.ToCanonical(value);
        return converted == value ? value : Math.Round(converted, Decimals, MidpointRounding.AwayFromZero);
    }

    public bool IsPlausible(decimal canonicalValue) => canonicalValue >= PlausibleMin && canonicalValue <= PlausibleMax;

    public IEnumerable<string> AcceptedUnits => Units.Select(u => u.Unit);
}
