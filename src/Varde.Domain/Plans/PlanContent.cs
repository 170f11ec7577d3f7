using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>
/// The checks a plan's content must pass, wherever the content is: a plan version (<see cref="PlanVersion"/>) and a plan
/// template (<see cref="PlanTemplate"/>) are checked by the same rules. The questionnaires the rules name are checked
/// against the installation's questionnaires by <see cref="QuestionnaireReferences"/>.
/// </summary>
public static class PlanContent
{
    /// <summary>Each threshold's bounds, one set per quantity, and every rule (<see cref="PlanRules.Check"/>); the rules normalised.</summary>
    public static List<ValidationError> Check(IReadOnlyCollection<QuantityThreshold> thresholds, PlanRules rules)
    {
        var errors = thresholds.SelectMany((t, i) => t.Check($"thresholds[{i}]")).Concat(rules.Check()).ToList();
        foreach (var duplicate in thresholds.GroupBy(t => t.Quantity).Where(g => g.Count() > 1))
            errors.Add(new("thresholds", $"{MeasurementCatalogue.Get(duplicate.Key).NameEn} has more than one set of thresholds."));
        return errors;
    }
}
