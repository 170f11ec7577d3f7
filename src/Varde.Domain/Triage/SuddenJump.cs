using Varde.Domain.Measurements;

namespace Varde.Domain.Triage;

/// <summary>
/// A value far from the patient's recent level in a way that usually means a device or handling error (the wrong
/// person on the scale, a cuff over clothes, an oximeter on a cold finger) is a suspected measurement error: the
/// patient is asked to measure again. The recent level is the median of the last five trusted readings of the last
/// 72 hours (at least three are needed). A re-measure within 24 hours that is close to the suspected value confirms it,
/// and is then judged by the plan like any other reading.
/// </summary>
internal static class SuddenJump
{
    /// <summary>How far from the recent level a value may be, per quantity; SpO2 only counts falls. Glucose and peak flow vary too much.</summary>
    public static decimal? Limit(MeasuredQuantity q) => q switch
    {
        MeasuredQuantity.BodyWeight => 4m,
        MeasuredQuantity.OxygenSaturation => 10m,
        MeasuredQuantity.Pulse => 50m,
        MeasuredQuantity.SystolicPressure => 60m,
        MeasuredQuantity.DiastolicPressure => 40m,
        MeasuredQuantity.BodyTemperature => 3m,
        MeasuredQuantity.RespiratoryRate => 20m,
        MeasuredQuantity.BloodGlucose or MeasuredQuantity.PeakFlow => null,
    };

    private const int LevelReadings = 5;
    private const int MinimumReadings = 3;

    public static Finding? Check(TriageReport report, IReadOnlyList<Reading> readings, IReadOnlyList<TriagedReport> history)
    {
        var sameType = history.Where(h => h.Report.Measurement == report.Measurement).ToList();
        var trusted = sameType
            .Where(h => h.Result.Outcome != TriageOutcome.SuspectedMeasurementError && h.Report.EffectiveAt >= report.EffectiveAt - TriageWindows.RecentLevel)
            .TakeLast(LevelReadings)
            .ToList();
        if (trusted.Count < MinimumReadings)
            return null;

        var previous = sameType.LastOrDefault();
        var remeasureOfSuspected = previous is not null && previous.Result.RuleId == TriageRuleIds.SuddenJump
            && report.EffectiveAt - previous.Report.EffectiveAt <= TriageWindows.Remeasure;

        for (var i = 0; i < readings.Count; i++)
        {
            var r = readings[i];
            if (Limit(r.Quantity.Quantity) is not { } limit)
                continue;
            var level = Median(trusted.Select(h => h.Report.Values[i]).ToList());
            var change = r.Value - level;
            var jumped = r.Quantity.Quantity == MeasuredQuantity.OxygenSaturation ? -change > limit : Math.Abs(change) > limit;
            if (!jumped)
                continue;
            if (remeasureOfSuspected && Math.Abs(r.Value - previous!.Report.Values[i]) <= limit / 2)
                return null;

            var unit = r.Quantity.DisplayUnit;
            return new Finding(TriageOutcome.SuspectedMeasurementError, TriageRuleIds.SuddenJump, TriageRuleIds.SuddenJumpVersion,
                [r.AsInput(), new($"{Reading.InputName(r.Quantity.Quantity)}.recentLevel", level, r.Quantity.UcumUnit)],
                $"{Wording.Nb.Value(r)} er {NumberText.Nb(Math.Abs(change))} {unit} fra nylig nivå {NumberText.Nb(level)} {unit} – uvanlig stort sprang, mulig målefeil, mål på nytt.",
                $"{Wording.En.Value(r)} is {NumberText.En(Math.Abs(change))} {unit} from the recent level {NumberText.En(level)} {unit} – an unusually large jump, possible measurement error, measure again.");
        }

        return null;
    }

    internal static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }
}
