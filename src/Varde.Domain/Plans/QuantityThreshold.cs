using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>
/// The patient's own limits for one measured quantity, in its canonical unit. Any bound may be unset.
/// <para>
/// Semantics (tested at every boundary): a bound is the last value of the calmer zone. A value is
/// <b>red</b> when it is strictly below <see cref="RedLow"/> or strictly above <see cref="RedHigh"/>;
/// otherwise <b>yellow</b> when strictly below <see cref="YellowLow"/> or strictly above <see cref="YellowHigh"/>;
/// otherwise <b>green</b>. So with a red low bound of 88 % SpO2, 88 is not red and 87 is. An unset bound never fires.
/// </para>
/// </summary>
public sealed record QuantityThreshold(
    MeasuredQuantity Quantity,
    decimal? RedLow = null,
    decimal? YellowLow = null,
    decimal? YellowHigh = null,
    decimal? RedHigh = null)
{
    /// <summary>Bounds must be ordered red low ≤ yellow low ≤ yellow high ≤ red high, and lie in the plausible range.</summary>
    public IEnumerable<ValidationError> Check(string field)
    {
        var definition = MeasurementCatalogue.Get(Quantity);
        decimal?[] ordered = [RedLow, YellowLow, YellowHigh, RedHigh];
        if (ordered.All(b => b is null))
            yield return new(field, $"Thresholds for {definition.NameEn} need at least one bound.");

        var set = ordered.Where(b => b is not null).Select(b => b!.Value).ToList();
        for (var i = 1; i < set.Count; i++)
        {
            if (set[i] < set[i - 1])
            {
                yield return new(field, $"Thresholds for {definition.NameEn} must be ordered red low ≤ yellow low ≤ yellow high ≤ red high.");
                break;
            }
        }

        if (set.Any(b => !definition.IsPlausible(b)))
            yield return new(field,
                $"Thresholds for {definition.NameEn} must lie within the plausible range {definition.PlausibleMin}–{definition.PlausibleMax} {definition.DisplayUnit}.");
    }
}
