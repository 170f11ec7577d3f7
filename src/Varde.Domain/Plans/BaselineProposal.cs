using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>The data behind a proposal: how many readings on how many days, and the usual level and spread.</summary>
public sealed record Baseline(MeasuredQuantity Quantity, int Readings, int Days, DateTimeOffset From, DateTimeOffset To, decimal Median,
    decimal Mad, decimal RobustSpread, decimal P5, decimal P95);

/// <summary>A proposed threshold for one quantity with its basis, and notes on where a hard limit moved a bound; or why there is none.</summary>
public sealed record ThresholdProposal(MeasuredQuantity Quantity, QuantityThreshold? Threshold, Baseline? Basis, IReadOnlyList<ProposalNote> Notes);

/// <summary>A note on a proposal, in English and bokmål.</summary>
public sealed record ProposalNote(string En, string Nb)
{
    public bool Contains(string text) => En.Contains(text, StringComparison.Ordinal) || Nb.Contains(text, StringComparison.Ordinal);
}

/// <summary>
/// Proposes yellow and red thresholds from the patient's own trial-period readings, with robust statistics so one odd
/// reading cannot move them: the median is the usual level and the spread is 1.4826 × MAD (the median absolute
/// deviation, scaled to a standard deviation), at least the quantity's minimum spread. Yellow is 2 spreads from the
/// median and red 3, on the clinically relevant sides only, rounded to the quantity's decimals and moved inside the
/// clinical hard limits (<see cref="ClinicalLimits"/>). Fewer than <see cref="MinimumDays"/> days with readings gives
/// no proposal. A proposal is for the GP to change and approve, never used as it is.
/// </summary>
public static class BaselineProposal
{
    public const int MinimumDays = 7;
    private const decimal MadToSpread = 1.4826m;

    public static ThresholdProposal For(MeasuredQuantity quantity, IReadOnlyList<(DateTimeOffset At, decimal Value)> readings)
    {
        var limits = ClinicalLimits.For(quantity);
        if (limits is null)
            return new(quantity, null, null, [new("No absolute thresholds are proposed for this quantity; use its change rule (e.g. weight gain over 3 days).",
                "Ingen faste grenser foreslås for denne målingen; bruk endringsregelen (f.eks. vektøkning over 3 dager).")]);
        var days = readings.Select(r => Services.NorwegianTime.Today(r.At)).Distinct().Count();
        if (days < MinimumDays)
            return new(quantity, null, null, [new($"Too few days with readings ({days}); a proposal needs at least {MinimumDays}.",
                $"For få dager med målinger ({days}); et forslag trenger minst {MinimumDays}.")]);

        var values = readings.Select(r => r.Value).Order().ToList();
        var median = Median(values);
        var mad = Median(values.Select(v => Math.Abs(v - median)).Order().ToList());
        var spread = Math.Max(mad * MadToSpread, limits.MinimumSpread);
        var decimals = MeasurementCatalogue.Get(quantity).Decimals;
        var basis = new Baseline(quantity, values.Count, days, readings.Min(r => r.At), readings.Max(r => r.At), median, mad, Math.Round(spread, 2),
            Percentile(values, 0.05m), Percentile(values, 0.95m));

        var notes = new List<ProposalNote>();
        decimal? Bound((string En, string Nb) name, decimal raw, (decimal Min, decimal Max)? limit)
        {
            if (limit is not { } l)
                return null;
            var rounded = Math.Round(raw, decimals, MidpointRounding.AwayFromZero);
            var clamped = Math.Clamp(rounded, l.Min, l.Max);
            if (clamped != rounded)
                notes.Add(new($"{name.En} {rounded} was moved to the clinical limit {clamped}.", $"{name.Nb} {rounded} ble flyttet til den kliniske grensen {clamped}."));
            return clamped;
        }

        var redLow = Bound(("Red low", "Rød under"), median - (3 * spread), limits.RedLow);
        var yellowLow = Bound(("Yellow low", "Gul under"), median - (2 * spread), limits.YellowLow);
        var yellowHigh = Bound(("Yellow high", "Gul over"), median + (2 * spread), limits.YellowHigh);
        var redHigh = Bound(("Red high", "Rød over"), median + (3 * spread), limits.RedHigh);
        // Clamping can cross bounds over; keep red beyond yellow.
        if (redLow > yellowLow)
            redLow = yellowLow;
        if (redHigh < yellowHigh)
            redHigh = yellowHigh;
        return new(quantity, new QuantityThreshold(quantity, redLow, yellowLow, yellowHigh, redHigh), basis, notes);
    }

    private static decimal Median(List<decimal> ordered) =>
        ordered.Count % 2 == 1 ? ordered[ordered.Count / 2] : (ordered[(ordered.Count / 2) - 1] + ordered[ordered.Count / 2]) / 2;

    // Linear interpolation between closest ranks.
    private static decimal Percentile(List<decimal> ordered, decimal p)
    {
        var rank = p * (ordered.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, ordered.Count - 1);
        return Math.Round(ordered[low] + ((rank - low) * (ordered[high] - ordered[low])), 2);
    }
}
