using Varde.Domain.Questionnaires;

namespace Varde.Domain.Plans;

/// <summary>
/// The questionnaires a plan's (or a template's) rules name, checked against the installation's questionnaires: each
/// must exist; an answer rule's item and code must be in its current version, a score band's questionnaire must score.
/// A retired questionnaire is not offered for anything new, so it may be named only where <c>kept</c> (the version
/// being revised) named it already: a plan that has one keeps working. Field names are those of
/// <see cref="PlanRules.Check"/>.
/// </summary>
public static class QuestionnaireReferences
{
    public static IReadOnlyList<ValidationError> Check(PlanRules rules, QuestionnaireCatalogue questionnaires, PlanRules? kept = null)
    {
        rules = rules.Normalised();
        var keptIds = kept is null ? [] : Named(kept.Normalised()).ToHashSet(StringComparer.Ordinal);
        var errors = new List<ValidationError>();
        QuestionnaireDefinition? Usable(string? id, string field)
        {
            var q = questionnaires.Find(id);
            if (q is null)
                errors.Add(new(field, $"Unknown questionnaire '{id}'."));
            else if (questionnaires.IsRetired(q.Id) && !keptIds.Contains(q.Id))
                errors.Add(new(field, $"Questionnaire '{id}' is retired: it is no longer offered for new plans and templates."));
            return q;
        }

        for (var i = 0; i < rules.ScoreBands.Count; i++)
        {
            if (Usable(rules.ScoreBands[i].QuestionnaireId, $"rules.scoreBands[{i}]") is { HasScore: false } q)
                errors.Add(new($"rules.scoreBands[{i}]", $"Questionnaire '{q.Id}' has no score."));
        }

        for (var i = 0; i < rules.Answers.Count; i++)
        {
            var rule = rules.Answers[i];
            if (Usable(rule.QuestionnaireId, $"rules.answers[{i}]") is { } q && q.Item(rule.LinkId)?.Options.Any(o => o.Code == rule.Code) != true)
                errors.Add(new($"rules.answers[{i}]", $"Questionnaire '{q.Id}' has no answer '{rule.LinkId}' = '{rule.Code}'."));
        }

        for (var i = 0; i < rules.Schedule.Count; i++)
        {
            if (rules.Schedule[i].QuestionnaireId is { } id)
                Usable(id, $"rules.schedule[{i}]");
        }

        var subjects = rules.Instructions?.Subjects ?? [];
        for (var i = 0; i < subjects.Count; i++)
        {
            if (subjects[i].QuestionnaireId is { } id)
                Usable(id, $"rules.instructions.subjects[{i}].subject");
        }

        return errors;
    }

    /// <summary>Every questionnaire id the rules name.</summary>
    public static IEnumerable<string> Named(PlanRules rules) =>
        rules.ScoreBands.Select(b => b.QuestionnaireId)
            .Concat(rules.Answers.Select(a => a.QuestionnaireId))
            .Concat(rules.Schedule.Select(s => s.QuestionnaireId).OfType<string>())
            .Concat((rules.Instructions?.Subjects ?? []).Select(s => s.QuestionnaireId).OfType<string>())
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Why a new version of a questionnaire would break rules that use it (an answer rule's item or code gone, a score
    /// band without a score), one message per broken rule, for checking an import against the stored plans and templates.
    /// </summary>
    public static IEnumerable<string> BrokenBy(QuestionnaireDefinition next, PlanRules rules)
    {
        rules = rules.Normalised();
        foreach (var band in rules.ScoreBands.Where(b => b.QuestionnaireId == next.Id && !next.HasScore))
            yield return $"a score band ({band.YellowFrom}/{band.RedFrom}) needs the questionnaire to score";
        foreach (var rule in rules.Answers.Where(a => a.QuestionnaireId == next.Id))
        {
            var item = next.Item(rule.LinkId);
            if (item is null || item.Options.All(o => o.Code != rule.Code))
                yield return $"the answer '{rule.LinkId}' = '{rule.Code}' sets {rule.Zone.ToString().ToLowerInvariant()}";
        }
    }
}
