using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>Which zone one value falls in against one set of thresholds, and the bound that decided it.</summary>
public static class ThresholdZone
{
    public enum Side
    {
        Within,
        Below,
        Above,
    }

    /// <summary>See <see cref="QuantityThreshold"/> for the semantics: bounds belong to the calmer zone.</summary>
    public static (TriageOutcome Zone, Side Side, decimal? Bound) Evaluate(decimal value, QuantityThreshold t) => value switch
    {
        _ when value < t.RedLow => (TriageOutcome.Red, Side.Below, t.RedLow),
        _ when value > t.RedHigh => (TriageOutcome.Red, Side.Above, t.RedHigh),
        _ when value < t.YellowLow => (TriageOutcome.Yellow, Side.Below, t.YellowLow),
        _ when value > t.YellowHigh => (TriageOutcome.Yellow, Side.Above, t.YellowHigh),
        _ => (TriageOutcome.Green, Side.Within, null),
    };
}
