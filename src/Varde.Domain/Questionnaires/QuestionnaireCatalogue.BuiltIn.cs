namespace Varde.Domain.Questionnaires;

/// <summary>
/// The two questionnaires Varde ships, stored in a new installation like any imported questionnaire (ADR 0025); their
/// ids and link ids are named here because NEWS2, the demo and the tests refer to them. The CAT (COPD Assessment Test)
/// wording is © GSK and needs a licence to show, so Varde stores and shows only each item's topic and score
/// (standards.md §5.2); the daily symptom questions are Varde's own.
/// </summary>
public sealed partial class QuestionnaireCatalogue
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
        public const string BreathlessWhen = "breathless-when";
        public const string OxygenLitres = "oxygen-litres";
        public const string Wellbeing = "wellbeing";
        public const string Message = "message";
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
        HasScore: true, ScoreNameNb: "CAT-poengsum", ScoreNameEn: "CAT score");

    // Version 2 added the follow-up questions (asked only after a "yes"), the day's wellbeing and a message; every
    // version-1 answer set is still a valid version-2 answer set.
    public static QuestionnaireDefinition DailySymptoms { get; } = new(DailySymptomsId, "https://varde.no/fhir/Questionnaire/daily-symptoms", "2",
        "Daglige spørsmål", "Daily questions",
        [
            new(Daily.MoreBreathless, "Er du mer tungpustet enn vanlig?", "Are you more breathless than usual?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.BreathlessWhen, "Når er du tungpustet?", "When are you breathless?", QuestionnaireItemType.MultipleChoice,
                [new("rest", "I hvile", "At rest"), new("walking", "Når jeg går inne", "Walking indoors"), new("stairs", "I trapper og bakker", "On stairs and hills"),
                    new("night", "Om natten", "At night")],
                Required: false, EnableWhen: new(Daily.MoreBreathless, "yes"), HelpNb: "Velg alt som passer.", HelpEn: "Choose all that apply."),
            new(Daily.Swelling, "Har du mer hevelse i beina enn vanlig?", "Is the swelling in your legs worse than usual?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.ChestPain, "Har du brystsmerter nå?", "Do you have chest pain now?", QuestionnaireItemType.Choice, YesNo),
            new(Daily.NewConfusion, "Er du (eller virker du) mer forvirret enn vanlig?", "Are you (or do you seem) more confused than usual?",
                QuestionnaireItemType.Choice, YesNo, Required: false),
            new(Daily.OnOxygen, "Bruker du oksygen nå?", "Are you using oxygen now?", QuestionnaireItemType.Choice, YesNo, Required: false),
            new(Daily.OxygenLitres, "Hvor mange liter oksygen i minuttet?", "How many litres of oxygen per minute?", QuestionnaireItemType.DecimalNumber, [],
                Required: false, Min: 0.5m, Max: 15m, EnableWhen: new(Daily.OnOxygen, "yes")),
            new(Daily.Wellbeing, "Hvordan har du det i dag, fra 0 (svært dårlig) til 10 (svært bra)?",
                "How are you today, from 0 (very poor) to 10 (very good)?", QuestionnaireItemType.WholeNumber, [], Required: false, Min: 0, Max: 10),
            new(Daily.Message, "Er det noe annet du vil fortelle sykepleieren?", "Is there anything else you want to tell the nurse?",
                QuestionnaireItemType.Text, [], Required: false, HelpNb: "Sykepleieren leser dette i åpningstiden. Haster det, ring.",
                HelpEn: "The nurse reads this during opening hours. If it is urgent, call."),
        ],
        HasScore: false);

    /// <summary>What a new installation stores (<see cref="Cat"/>, <see cref="DailySymptoms"/> and <see cref="UserExperience"/>), as a catalogue for tests, the demo and the generator.</summary>
    // Made on first use: the questionnaires are static fields of other files of this partial class, set before any use.
    public static QuestionnaireCatalogue BuiltIn => field ??= new([Cat, DailySymptoms, UserExperience]);

    /// <summary>No questionnaires: for judging a measurement, which never reads one.</summary>
    public static QuestionnaireCatalogue Empty { get; } = new([]);
}
