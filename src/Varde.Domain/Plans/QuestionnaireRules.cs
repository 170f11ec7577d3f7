using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// A score band: a questionnaire score at or above <see cref="YellowFrom"/> is yellow, at or above <see cref="RedFrom"/>
/// red (CAT: 21–30 "high impact", &gt; 30 "very high", standards.md §5.2). Which questionnaires exist is checked
/// against the installation's catalogue (<see cref="QuestionnaireReferences"/>).
/// </summary>
public sealed record ScoreBandRule(string QuestionnaireId, decimal? YellowFrom, decimal? RedFrom)
{
    public IEnumerable<ValidationError> Check(string field)
    {
        if (string.IsNullOrWhiteSpace(QuestionnaireId))
            yield return new(field, "A score band names its questionnaire.");
        if (YellowFrom is null && RedFrom is null)
            yield return new(field, "A score band needs a yellow or a red bound.");
        if (YellowFrom > RedFrom)
            yield return new(field, "The yellow bound cannot be above the red bound.");
    }
}

/// <summary>A specific answer sets a zone: "more breathless than usual: yes" → yellow. The answer must exist (<see cref="QuestionnaireReferences"/>).</summary>
public sealed record AnswerRule(string QuestionnaireId, string LinkId, string Code, TriageOutcome Zone)
{
    public IEnumerable<ValidationError> Check(string field)
    {
        if (string.IsNullOrWhiteSpace(QuestionnaireId) || string.IsNullOrWhiteSpace(LinkId) || string.IsNullOrWhiteSpace(Code))
            yield return new(field, "An answer rule names the questionnaire, the item (linkId) and the answer (code).");
        if (Zone is not (TriageOutcome.Yellow or TriageOutcome.Red))
            yield return new(field, "An answer rule raises yellow or red.");
    }
}
