namespace Varde.Domain.Measurements;

/// <summary>An accepted unit and how to turn a value in it into the quantity's canonical UCUM unit.</summary>
public sealed record UnitConversion(string Unit, Func<decimal, decimal> ToCanonical)
{
    public static UnitConversion Identity(string unit) => new(unit, v => v);

    public static UnitConversion Factor(string unit, decimal factor) => new(unit, v => v * factor);
}
