using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// Trend rules (<see cref="ChangeRule"/>): today's value against the lowest (rise) or highest (fall) trusted value of
/// the same quantity in the window before it. "Vekt +2,4 kg på 3 dager".
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
                if (Judge(r, r.Value - window.Min(), rule.YellowRise, rule.RedRise, rule, plan, rising: true) is { } rise)
                    yield return rise;
                if (Judge(r, window.Max() - r.Value, rule.YellowFall, rule.RedFall, rule, plan, rising: false) is { } fall)
                    yield return fall;
            }
        }
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
