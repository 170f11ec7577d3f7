using Varde.Domain.Measurements;

namespace Varde.Domain.Triage;

/// <summary>One canonical value of one quantity, as triage sees it.</summary>
internal sealed record Reading(QuantityDefinition Quantity, decimal Value)
{
    public TriageInput AsInput() => new(InputName(Quantity.Quantity), Value, Quantity.UcumUnit);

    public static string InputName(MeasuredQuantity quantity) =>
        string.Concat(quantity.ToString().Select((c, i) => i == 0 ? char.ToLowerInvariant(c) : c));
}
