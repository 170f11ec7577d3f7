namespace Varde.Domain.Questionnaires;

/// <summary>
/// One version of a questionnaire, as Varde shows and judges it: its id in Varde (what plans, schedules and answers
/// name), its canonical URL and version (as its FHIR Questionnaire has them), its items, how its score is computed (the
/// sum of the scores of the chosen answer options; items without scores do not count), and what the score is called
/// in a rule ("CAT-poengsum"; without one, "Poengsum i «title»"). <see cref="Check"/> holds what Varde needs to show and
/// judge it; an imported questionnaire must pass it (<see cref="QuestionnaireCatalogue"/>).
/// </summary>
public sealed partial record QuestionnaireDefinition(
    string Id,
    string Url,
    string Version,
    string TitleNb,
    string TitleEn,
    IReadOnlyList<QuestionnaireItem> Items,
    bool HasScore,
    string? ScoreNameNb = null,
    string? ScoreNameEn = null)
{
    public QuestionnaireItem? Item(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);

    /// <summary>Whether an item asks for free text: such a questionnaire cannot be a survey (a free text can name its writer).</summary>
    public bool AsksForFreeText => Items.Any(i => i.Type == QuestionnaireItemType.Text);

    public const int MaxIdLength = 60;
    public const int MaxVersionLength = 64;
    public const int MaxUrlLength = 500;
    public const int MaxItems = 100;
    public const int MaxTextLength = 1000;

    /// <summary>Whether an item is asked, given the answers so far (FHIR enableWhen, operator "=" on a coded answer).</summary>
    public static bool IsEnabled(QuestionnaireItem item, IReadOnlyList<QuestionnaireAnswer> answers) =>
        item.EnableWhen is not { } condition
        || answers.FirstOrDefault(a => a.LinkId == condition.Question)?.HasCode(condition.Code) == true;
}

/// <summary>
/// One question. <see cref="Options"/> are the allowed answers of a choice item; number items take a number within
/// <see cref="Min"/>–<see cref="Max"/>, text items free text. An item with <see cref="EnableWhen"/> is asked only
/// when that condition holds; then, if <see cref="Required"/>, it must be answered.
/// </summary>
public sealed record QuestionnaireItem(string LinkId, string TextNb, string TextEn, QuestionnaireItemType Type,
    IReadOnlyList<AnswerOption> Options, bool Required = true, decimal? Min = null, decimal? Max = null, EnableWhen? EnableWhen = null,
    string? HelpNb = null, string? HelpEn = null);

/// <summary>Ask an item only when the answer to <see cref="Question"/> is (or, for multiple choice, includes) <see cref="Code"/>.</summary>
public sealed record EnableWhen(string Question, string Code);

/// <summary>An allowed answer: a code, its text, and the points it adds to the score (if the questionnaire scores).</summary>
public sealed record AnswerOption(string Code, string TextNb, string TextEn, decimal? Score = null);

public enum QuestionnaireItemType
{
    /// <summary>One of the options.</summary>
    Choice,
    WholeNumber,
    DecimalNumber,

    /// <summary>Any number of the options (FHIR repeats = true).</summary>
    MultipleChoice,

    /// <summary>Free text, at most <see cref="QuestionnaireAnswer.MaxTextLength"/> characters.</summary>
    Text,
}
