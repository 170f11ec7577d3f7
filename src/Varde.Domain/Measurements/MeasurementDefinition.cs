namespace Varde.Domain.Measurements;

/// <summary>A measurement type: its panel LOINC code and the quantities it yields, in order.</summary>
public sealed record MeasurementDefinition(MeasurementType Type, string Loinc, string NameNb, string NameEn,
    IReadOnlyList<QuantityDefinition> Components)
{
    public bool IsPanel => Components.Count > 1;
}
