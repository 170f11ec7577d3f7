using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// A run of yellow: this report and the ones just before it of the same kind were all yellow by their own thresholds
/// or answers (<see cref="TriageResult.BaseOutcome"/>), within the rule's days. "3 gule målinger på rad".
/// </summary>
internal static class ConsecutiveYellow
{
    public static Finding? Check(TriageReport report, TriageOutcome baseZone, IReadOnlyList<TriagedReport> history, PlanVersion plan)
    {
        if (plan.Rules.ConsecutiveYellow is not { } rule || baseZone != TriageOutcome.Yellow)
            return null;
        var before = history
            .Where(h => h.Report.Subject == report.Subject && h.Result.Outcome != TriageOutcome.SuspectedMeasurementError)
            .TakeLast(rule.Count - 1)
            .ToList();
        if (before.Count < rule.Count - 1 || before.Any(h => h.Result.Base != TriageOutcome.Yellow)
            || before[0].Report.EffectiveAt < report.EffectiveAt - rule.Within)
            return null;

        var colourNb = rule.Zone == TriageOutcome.Red ? "rød" : "gul";
        var colourEn = rule.Zone == TriageOutcome.Red ? "red" : "yellow";
        return new Finding(rule.Zone, TriageRuleIds.ConsecutiveYellow, TriageRuleIds.ConsecutiveYellowVersion,
            [new("consecutiveYellow", rule.Count, "1"), new("consecutiveYellow.withinDays", rule.WithinDays, "d")],
            $"{rule.Count} gule resultater på rad innen {rule.WithinDays} dager gir {colourNb} (plan v{plan.Number}).",
            $"{rule.Count} yellow results in a row within {rule.WithinDays} days make {colourEn} (plan v{plan.Number}).");
    }
}
