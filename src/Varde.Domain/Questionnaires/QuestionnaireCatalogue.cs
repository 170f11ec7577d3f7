namespace Varde.Domain.Questionnaires;

/// <summary>
/// The questionnaires Varde ships. The CAT (COPD Assessment Test) wording is © GSK and needs a licence to show, so
/// Varde stores and shows only each item's topic and score (standards.md §5.2); the daily symptom questions are
/// Varde's own.
/// </summary>
public static class QuestionnaireCatalogue
{
    public const string CatId = "cat";
    public const string DailySymptomsId = "daily-symptoms";

    /// <summary>Item link ids of the daily symptom questions.</summary>
    public static class Daily
    {
        public const string MoreBreathless = "more-breathless";
        public const string Swelling = "swelling";
        public const string ChestPain = "chest-pain";
        public const string NewConfusion = "new-confusion";
        public const string OnOxygen = "on-oxygen";
    }

    private static readonly AnswerOption[] YesNo = [new("yes", "Ja", "Yes"), new("no", "Nei", "No")];

    private static AnswerOption[] CatScale() =>
        Enumerable.Range(0, 6).Select(i => new AnswerOption(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            i.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture), i)).ToArray();

    public static QuestionnaireDefinition Cat { get; } = new(CatId, "https://varde.no/fhir/Questionnaire/cat", "1",
        "CAT – KOLS-vurderingstest (poeng per tema)", "CAT – COPD Assessment Test (score per topic)",
        [
            new("cough", "Hoste", "Cough", QuestionnaireItemType.Choice, CatScale()),
            new("phlegm", "Slim", "Phlegm", QuestionnaireItemType.Choice, CatScale()),
            new("chest-tightness", "Trykk i brystet", "Chest tightness", QuestionnaireItemType.Choice, CatScale()),
            new("breathlessness", "Tungpust i bakker og trapper", "Breathlessness on hills and stairs", QuestionnaireItemType.Choice, CatScale()),
            new("activities", "Begrensning i aktiviteter hjemme", "Limitation of activities at home", QuestionnaireItemType.Choice, CatScale()),
            new("confidence", "Trygghet ved å gå ut", "Confidence leaving home", QuestionnaireItemType.Choice, CatScale()),
            new("sleep", "Søvn", "Sleep", QuestionnaireItemType.Choice, CatScale()),
            new("energy", "Energi", "Energy", QuestionnaireItemType.Choice, CatScale()),
        ],
        HasScore: true);

    public static QuestionnaireDefinition DailySymptoms { get; } = new(DailySymptomsId, "https://varde.no/fhir/Questionnaire/daily-symptoms", "1",
        "Daglige spørsmål", "Daily questions",
        [
            new(Daily.MoreBreathless, "Er du mer tungpustet enn vanlig?", "Are you more breathless than usual?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.Swelling, "Har du mer hevelse i beina enn vanlig?", "Is the swelling in your legs worse than usual?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.ChestPain, "Har du brystsmerter nå?", "Do you have chest pain now?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.NewConfusion, "Er du (eller virker du) mer forvirret enn vanlig?", "Are you (or do you seem) more confused than usual?",
                QuestionnaireItemType.Choice, YesNo, Required: false),
            new(Daily.OnOxygen, "Bruker du oksygen nå?", "Are you using oxygen now?", QuestionnaireItemType.Choice, YesNo, Required: false),
        ],
        HasScore: false);

    public static IReadOnlyList<QuestionnaireDefinition> All { get; } = [Cat, DailySymptoms];

    public static QuestionnaireDefinition? Find(string? id) => All.FirstOrDefault(q => q.Id == id);
}
