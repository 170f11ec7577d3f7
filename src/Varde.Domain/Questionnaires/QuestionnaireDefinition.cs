namespace Varde.Domain.Questionnaires;

/// <summary>
/// A questionnaire Varde ships: its canonical URL and version (as a FHIR Questionnaire would have), its items, and
/// how its score is computed (the sum of the scores of the chosen answer options; items without scores do not count).
/// </summary>
public sealed record QuestionnaireDefinition(
    string Id,
    string Url,
    string Version,
    string TitleNb,
    string TitleEn,
    IReadOnlyList<QuestionnaireItem> Items,
    bool HasScore)
{
    public QuestionnaireItem? Item(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);
}

/// <summary>One question. <see cref="Options"/> are the allowed answers of a choice item; other items take a number.</summary>
public sealed record QuestionnaireItem(string LinkId, string TextNb, string TextEn, QuestionnaireItemType Type,
    IReadOnlyList<AnswerOption> Options, bool Required = true, decimal? Min = null, decimal? Max = null);

/// <summary>An allowed answer: a code, its text, and the points it adds to the score (if the questionnaire scores).</summary>
public sealed record AnswerOption(string Code, string TextNb, string TextEn, decimal? Score = null);

public enum QuestionnaireItemType
{
    Choice,
    WholeNumber,
    DecimalNumber,
}
