using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// The plausibility rule: a value outside the physically plausible range, or a blood pressure whose diastolic
/// number is not below its systolic, is a suspected measurement error and the patient is asked to measure again.
/// </summary>
internal static class Plausibility
{
    public static TriageResult? Check(MeasurementDefinition definition, IReadOnlyList<Reading> readings, PlanVersion? plan)
    {
        var implausible = readings.Where(r => !r.Quantity.IsPlausible(r.Value)).ToList();
        string nb, en;
        if (implausible.Count > 0)
        {
            var r = implausible[0];
            var range = $"{NumberText.En(r.Quantity.PlausibleMin)}–{NumberText.En(r.Quantity.PlausibleMax)} {r.Quantity.DisplayUnit}";
            nb = $"{r.Quantity.NameNb} {NumberText.Nb(r.Value)} {r.Quantity.DisplayUnit} er utenfor mulig område ({range.Replace('.', ',')}) – mulig målefeil, mål på nytt.";
            en = $"{r.Quantity.NameEn} {NumberText.En(r.Value)} {r.Quantity.DisplayUnit} is outside the plausible range ({range}) – possible measurement error, measure again.";
        }
        else if (definition.Type == MeasurementType.BloodPressure && readings[1].Value >= readings[0].Value)
        {
            nb = $"{Wording.Nb.Values(readings)}: diastolisk er ikke lavere enn systolisk – mulig målefeil, mål på nytt.";
            en = $"{Wording.En.Values(readings)}: diastolic is not below systolic – possible measurement error, measure again.";
        }
        else
        {
            return null;
        }

        return new TriageResult(TriageOutcome.SuspectedMeasurementError, TriageRuleIds.Plausibility, TriageRuleIds.PlausibilityVersion,
            plan?.Id, plan?.Number, readings.Select(r => r.AsInput()).ToList(), nb, en);
    }
}
