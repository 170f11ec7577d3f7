using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// A score band: a questionnaire score at or above <see cref="YellowFrom"/> is yellow, at or above <see cref="RedFrom"/>
/// red (CAT: 21–30 "high impact", &gt; 30 "very high", standards.md §5.2).
/// </summary>
public sealed record ScoreBandRule(string QuestionnaireId, decimal? YellowFrom, decimal? RedFrom)
{
    public IEnumerable<ValidationError> Check(string field)
    {
        var q = QuestionnaireCatalogue.Find(QuestionnaireId);
        if (q is null)
            yield return new(field, $"Unknown questionnaire '{QuestionnaireId}'.");
        else if (!q.HasScore)
            yield return new(field, $"Questionnaire '{QuestionnaireId}' has no score.");
        if (YellowFrom is null && RedFrom is null)
            yield return new(field, "A score band needs a yellow or a red bound.");
        if (YellowFrom > RedFrom)
            yield return new(field, "The yellow bound cannot be above the red bound.");
    }
}

/// <summary>A specific answer sets a zone: "more breathless than usual: yes" → yellow.</summary>
public sealed record AnswerRule(string QuestionnaireId, string LinkId, string Code, TriageOutcome Zone)
{
    public IEnumerable<ValidationError> Check(string field)
    {
        var item = QuestionnaireCatalogue.Find(QuestionnaireId)?.Item(LinkId);
        if (item is null || item.Options.All(o => o.Code != Code))
            yield return new(field, $"Questionnaire '{QuestionnaireId}' has no answer '{LinkId}' = '{Code}'.");
        if (Zone is not (TriageOutcome.Yellow or TriageOutcome.Red))
            yield return new(field, "An answer rule raises yellow or red.");
    }
}
