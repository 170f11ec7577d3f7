namespace Varde.Domain.Questionnaires;

public sealed partial class QuestionnaireCatalogue
{
    public const string UserExperienceId = "user-experience";

    private static AnswerOption[] BetterOrWorse() =>
        [new("better", "Bedre", "Better"), new("unchanged", "Uendret", "Unchanged"), new("worse", "Dårligere", "Worse")];

    /// <summary>
    /// The user survey Varde ships (issue 21): the topics the directorate's national DHO user survey of December 2024
    /// reported on (satisfaction with the whole, feeling safe, managing one's own health, quality of life, physical
    /// health, the self-management plan), in Varde's own words, since the national template's wording is not in our
    /// sources. Only choices: a survey takes no free text (<see cref="Surveys.SurveyProgramme"/>). A service can send a
    /// local questionnaire instead, imported like any other.
    /// </summary>
    public static QuestionnaireDefinition UserExperience { get; } = new(UserExperienceId, "https://varde.no/fhir/Questionnaire/user-experience", "1",
        "Brukerundersøkelse: digital hjemmeoppfølging", "User survey: digital home follow-up",
        [
            new("overall", "Alt i alt, hvor fornøyd er du med den digitale hjemmeoppfølgingen?", "All in all, how satisfied are you with the digital home follow-up?",
                QuestionnaireItemType.Choice,
                [new("very-satisfied", "Svært fornøyd", "Very satisfied"), new("satisfied", "Fornøyd", "Satisfied"),
                    new("neither", "Verken fornøyd eller misfornøyd", "Neither satisfied nor dissatisfied"), new("dissatisfied", "Misfornøyd", "Dissatisfied"),
                    new("very-dissatisfied", "Svært misfornøyd", "Very dissatisfied")],
                HelpNb: "Er du pårørende, svar slik du opplever det.", HelpEn: "If you are a relative, answer as you see it."),
            new("safety", "Hvordan har oppfølgingen påvirket hvor trygg du føler deg?", "How has the follow-up changed how safe you feel?", QuestionnaireItemType.Choice,
                [new("safer", "Tryggere", "Safer"), new("unchanged", "Uendret", "Unchanged"), new("less-safe", "Mindre trygg", "Less safe")]),
            new("own-health", "Hvordan har oppfølgingen påvirket evnen din til å ta vare på egen helse?",
                "How has the follow-up changed your ability to look after your own health?", QuestionnaireItemType.Choice, BetterOrWorse()),
            new("quality-of-life", "Hvordan er livskvaliteten din nå, sammenlignet med før oppfølgingen startet?",
                "How is your quality of life now, compared with before the follow-up started?", QuestionnaireItemType.Choice, BetterOrWorse()),
            new("physical-health", "Hvordan er den fysiske helsen din nå, sammenlignet med før oppfølgingen startet?",
                "How is your physical health now, compared with before the follow-up started?", QuestionnaireItemType.Choice, BetterOrWorse()),
            new("contact", "Får du kontakt med tjenesten når du trenger det?", "Do you reach the service when you need to?", QuestionnaireItemType.Choice,
                [new("always", "Alltid", "Always"), new("mostly", "Som regel", "Mostly"), new("sometimes", "Noen ganger", "Sometimes"), new("rarely", "Sjelden", "Rarely")]),
            new("equipment", "Er utstyret enkelt å bruke?", "Is the equipment easy to use?", QuestionnaireItemType.Choice,
                [new("yes", "Ja", "Yes"), new("partly", "Delvis", "Partly"), new("no", "Nei", "No")]),
            new("has-plan", "Har du en egenbehandlingsplan?", "Do you have a self-management plan?", QuestionnaireItemType.Choice,
                [new("yes", "Ja", "Yes"), new("no", "Nei", "No"), new("do-not-know", "Vet ikke", "Don't know")]),
            new("plan-useful", "Er planen nyttig når du blir dårligere?", "Is the plan useful when you get worse?", QuestionnaireItemType.Choice,
                [new("yes", "Ja", "Yes"), new("partly", "Delvis", "Partly"), new("no", "Nei", "No")], EnableWhen: new("has-plan", "yes")),
        ],
        HasScore: false);
}
