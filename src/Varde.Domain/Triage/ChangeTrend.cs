using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// Trend rules (<see cref="ChangeRule"/>): today's value against the lowest (rise) or highest (fall) trusted value of
/// the same quantity in the window before it (N days and <see cref="TriageWindows.DayTolerance"/>). "Vekt +2,4 kg på 3
/// dager". A change within the plan's limits is a green finding that says what was checked: "Vekt 84,1 kg: endring
/// siste 3 dager +1,2 kg, innenfor planen (plan v1)."
/// </summary>
internal static class ChangeTrend
{
    public static IEnumerable<Finding> Check(TriageReport report, IReadOnlyList<Reading> readings, IReadOnlyList<TriagedReport> history, PlanVersion plan)
    {
        for (var i = 0; i < readings.Count; i++)
        {
            var r = readings[i];
            foreach (var rule in plan.Rules.Changes.Where(c => c.Quantity == r.Quantity.Quantity))
            {
                var index = i;
                var window = history
                    .Where(h => h.Report.Measurement == report.Measurement && h.Result.Outcome != TriageOutcome.SuspectedMeasurementError
                                && h.Report.EffectiveAt >= report.EffectiveAt - rule.Window)
                    .Select(h => h.Report.Values[index])
                    .ToList();
                if (window.Count == 0)
                    continue;
                var rise = Judge(r, r.Value - window.Min(), rule.YellowRise, rule.RedRise, rule, plan, rising: true);
                var fall = Judge(r, window.Max() - r.Value, rule.YellowFall, rule.RedFall, rule, plan, rising: false);
                if (rise is not null)
                    yield return rise;
                if (fall is not null)
                    yield return fall;
                if (rise is null && fall is null)
                    yield return Within(r, window, rule, plan);
            }
        }
    }

    /// <summary>The change the rule watches, found within the plan: the rise (or the fall, for a rule with fall limits only).</summary>
    private static Finding Within(Reading r, List<decimal> window, ChangeRule rule, PlanVersion plan)
    {
        var watchesRise = rule.YellowRise is not null || rule.RedRise is not null;
        var change = watchesRise ? r.Value - window.Min() : r.Value - window.Max();
        var name = Reading.InputName(r.Quantity.Quantity);
        var unit = r.Quantity.DisplayUnit;
        var sign = change >= 0 ? "+" : "−";
        var dayNb = rule.WindowDays == 1 ? "døgn" : $"{rule.WindowDays} dager";
        var dayEn = rule.WindowDays == 1 ? "day" : $"{rule.WindowDays} days";
        return new Finding(TriageOutcome.Green, TriageRuleIds.Change, TriageRuleIds.ChangeVersion,
            [r.AsInput(), new($"{name}.change{rule.WindowDays}d", change, r.Quantity.UcumUnit)],
            $"{Wording.Nb.Value(r)}: endring siste {dayNb} {sign}{NumberText.Nb(Math.Abs(change))} {unit}, innenfor planen (plan v{plan.Number}).",
            $"{Wording.En.Value(r)}: change over the last {dayEn} {sign}{NumberText.En(Math.Abs(change))} {unit}, within the plan (plan v{plan.Number}).");
    }

    private static Finding? Judge(Reading r, decimal change, decimal? yellow, decimal? red, ChangeRule rule, PlanVersion plan, bool rising)
    {
        var zone = change > red ? TriageOutcome.Red : change > yellow ? TriageOutcome.Yellow : (TriageOutcome?)null;
        if (zone is not { } z)
            return null;
        var limit = z == TriageOutcome.Red ? red!.Value : yellow!.Value;
        var unit = r.Quantity.DisplayUnit;
        var sign = rising ? "+" : "−";
        var name = Reading.InputName(r.Quantity.Quantity);
        var colourNb = z == TriageOutcome.Red ? "rød" : "gul";
        var colourEn = z == TriageOutcome.Red ? "red" : "yellow";
        var dayNb = rule.WindowDays == 1 ? "døgn" : "dager";
        var dayEn = rule.WindowDays == 1 ? "day" : "days";
        return new Finding(z, TriageRuleIds.Change, TriageRuleIds.ChangeVersion,
            [r.AsInput(), new($"{name}.change{rule.WindowDays}d", rising ? change : -change, r.Quantity.UcumUnit),
                new($"{name}.{(rising ? "rise" : "fall")}Limit.{colourEn}", limit, r.Quantity.UcumUnit)],
            $"{r.Quantity.NameNb} {sign}{NumberText.Nb(change)} {unit} på {rule.WindowDays} {dayNb} (nå {NumberText.Nb(r.Value)} {unit}) er mer enn {colourNb} grense {NumberText.Nb(limit)} {unit} (plan v{plan.Number}).",
            $"{r.Quantity.NameEn} {sign}{NumberText.En(change)} {unit} over {rule.WindowDays} {dayEn} (now {NumberText.En(r.Value)} {unit}) is more than the {colourEn} limit {NumberText.En(limit)} {unit} (plan v{plan.Number}).");
    }
}
