using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// Triage v1: a pure function from one measurement's canonical values and the plan version in force to a result.
/// Implausible values are suspected measurement errors and are not compared with thresholds. Otherwise each
/// component is compared with its own thresholds and the worst zone wins (a blood pressure is red if either
/// number is). Components without thresholds are not judged; a measurement with none is left for a nurse.
/// </summary>
public static class ThresholdTriage
{
    public static TriageResult Evaluate(MeasurementDefinition definition, IReadOnlyList<decimal> values, PlanVersion? plan)
    {
        if (values.Count != definition.Components.Count)
            throw new ArgumentException("One value per component is required.", nameof(values));

        var readings = definition.Components.Zip(values, (q, v) => new Reading(q, v)).ToList();
        return Plausibility.Check(definition, readings, plan)
            ?? JudgeAgainstThresholds(definition, readings, plan);
    }

    private static TriageResult JudgeAgainstThresholds(MeasurementDefinition definition, List<Reading> readings, PlanVersion? plan)
    {
        var judged = readings
            .Select(r => (Reading: r, Threshold: plan?.ThresholdFor(r.Quantity.Quantity)))
            .Where(x => x.Threshold is not null)
            .Select(x => (x.Reading, x.Threshold, Result: ThresholdZone.Evaluate(x.Reading.Value, x.Threshold!)))
            .ToList();
        var inputs = readings.Select(r => r.AsInput()).ToList();

        if (judged.Count == 0)
        {
            return new TriageResult(TriageOutcome.NoThresholds, TriageRuleIds.NoThresholds, TriageRuleIds.NoThresholdsVersion,
                plan?.Id, plan?.Number, inputs,
                $"{Wording.Nb.Values(readings)}: ingen grenseverdier i planen for {definition.NameNb.ToLowerInvariant()} – vurderes av helsepersonell.",
                $"{Wording.En.Values(readings)}: no thresholds in the plan for {definition.NameEn.ToLowerInvariant()} – to be assessed by health personnel.");
        }

        foreach (var (reading, threshold, _) in judged)
            inputs.AddRange(BoundInputs(reading.Quantity, threshold!));

        var worst = judged.Max(j => j.Result.Zone);
        var deciding = judged.Where(j => j.Result.Zone == worst).ToList();
        var nb = string.Join("; ", deciding.Select(j => Wording.Nb.Zone(j.Reading, j.Result)));
        var en = string.Join("; ", deciding.Select(j => Wording.En.Zone(j.Reading, j.Result)));
        return new TriageResult(worst, TriageRuleIds.Threshold, TriageRuleIds.ThresholdVersion, plan!.Id, plan.Number, inputs,
            $"{nb} (plan v{plan.Number}).", $"{en} (plan v{plan.Number}).");
    }

    private static IEnumerable<TriageInput> BoundInputs(QuantityDefinition q, QuantityThreshold t)
    {
        var prefix = Reading.InputName(q.Quantity);
        if (t.RedLow is { } redLow)
            yield return new($"{prefix}.redLow", redLow, q.UcumUnit);
        if (t.YellowLow is { } yellowLow)
            yield return new($"{prefix}.yellowLow", yellowLow, q.UcumUnit);
        if (t.YellowHigh is { } yellowHigh)
            yield return new($"{prefix}.yellowHigh", yellowHigh, q.UcumUnit);
        if (t.RedHigh is { } redHigh)
            yield return new($"{prefix}.redHigh", redHigh, q.UcumUnit);
    }
}
