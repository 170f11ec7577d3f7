using Varde.Domain.Measurements;

namespace Varde.Domain.Triage;

/// <summary>
/// A value far from the patient's recent level in a way that usually means a device or handling error (the wrong
/// person on the scale, a cuff over clothes, an oximeter on a cold finger). The recent level is the median of the last
/// five trusted readings of the last 72 hours (at least three are needed). What a jump means is decided by the engine
/// (ADR 0016): a jump that is not red by any rule and not confirmed is a suspected measurement error and the patient is
/// asked to measure again; a red is red whatever the jump (the jump is then a note: "mål gjerne på nytt"); a value the
/// patient confirmed ("Ja, det er riktig"), or a re-measure within 24 hours close to a suspected value, is judged by
/// the plan like any other reading, with the jump as a note.
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

    /// <summary>A jump found: as a suspected measurement error, and as a note beside a zone.</summary>
    public sealed record Jump(Finding AsError, Finding AsNote, bool Confirmed);

    public static Jump? Check(TriageReport report, IReadOnlyList<Reading> readings, IReadOnlyList<TriagedReport> history)
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
            var remeasured = remeasureOfSuspected && Math.Abs(r.Value - previous!.Report.Values[i]) <= limit / 2;
            var confirmed = report.Confirmed || remeasured;

            var unit = r.Quantity.DisplayUnit;
            IReadOnlyList<TriageInput> inputs = [r.AsInput(), new($"{Reading.InputName(r.Quantity.Quantity)}.recentLevel", level, r.Quantity.UcumUnit)];
            // A change of a percentage is in percentage points (SpO2 85 % after 98 % is 13 points, not 13 %).
            var (changeNb, changeEn) = unit == "%" ? ("prosentpoeng", "percentage points") : (unit, unit);
            var (sideNb, sideEn) = change < 0 ? ("under", "below") : ("over", "above");
            var jumpNb = $"{Wording.Nb.Value(r)} er {NumberText.Nb(Math.Abs(change))} {changeNb} {sideNb} nylig nivå {NumberText.Nb(level)} {unit} – uvanlig stort sprang";
            var jumpEn = $"{Wording.En.Value(r)} is {NumberText.En(Math.Abs(change))} {changeEn} {sideEn} the recent level {NumberText.En(level)} {unit} – an unusually large jump";
            var asError = new Finding(TriageOutcome.SuspectedMeasurementError, TriageRuleIds.SuddenJump, TriageRuleIds.SuddenJumpVersion, inputs,
                $"{jumpNb}, mulig målefeil, mål på nytt.", $"{jumpEn}, possible measurement error, measure again.");
            var (whyNb, whyEn) = report.Confirmed ? ("pasienten bekreftet verdien", "the patient confirmed the value")
                : remeasured ? ("bekreftet ved ny måling", "confirmed by a new measurement")
                : ("mål gjerne på nytt", "please measure again");
            var asNote = new Finding(TriageOutcome.Green, TriageRuleIds.SuddenJump, TriageRuleIds.SuddenJumpVersion, inputs,
                $"{jumpNb}; {whyNb}.", $"{jumpEn}; {whyEn}.");
            return new Jump(asError, asNote, confirmed);
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
