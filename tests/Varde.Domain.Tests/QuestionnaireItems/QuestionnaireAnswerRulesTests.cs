using Varde.Domain.Questionnaires;
using Daily = Varde.Domain.Questionnaires.QuestionnaireCatalogue.Daily;

namespace Varde.Domain.Tests.QuestionnaireItems;

public sealed class QuestionnaireAnswerRulesTests
{
    private static readonly QuestionnaireDefinition Q = QuestionnaireCatalogue.DailySymptoms;

    private static List<QuestionnaireAnswer> Required(string breathless = "no", string oxygen = "no") =>
    [
        new(Daily.MoreBreathless, breathless),
        new(Daily.Swelling, "no"),
        new(Daily.ChestPain, "no"),
        new(Daily.OnOxygen, oxygen),
    ];

    [Fact]
    public void FollowUpQuestion_IsAskedOnlyAfterYes()
    {
        var item = Q.Item(Daily.BreathlessWhen)!;

        QuestionnaireDefinition.IsEnabled(item, Required("yes")).ShouldBeTrue();
        QuestionnaireDefinition.IsEnabled(item, Required("no")).ShouldBeFalse();
        QuestionnaireDefinition.IsEnabled(Q.Item(Daily.Swelling)!, []).ShouldBeTrue();
    }

    [Fact]
    public void AnAnswerToAQuestionThatIsNotAsked_IsRejected()
    {
        var answers = Required("no");
        answers.Add(new(Daily.BreathlessWhen, Codes: ["rest"]));

        QuestionnaireScoring.Check(Q, answers).ShouldHaveSingleItem().Message.ShouldContain("not asked");
    }

    [Fact]
    public void AllItemTypes_AreChecked()
    {
        var answers = Required("yes", "yes");
        answers.AddRange(
        [
            new(Daily.BreathlessWhen, Codes: ["rest", "night"]),
            new(Daily.OxygenLitres, Number: 2.5m),
            new(Daily.Wellbeing, Number: 6),
            new(Daily.Message, Text: "Sov dårlig i natt."),
        ]);
        QuestionnaireScoring.Check(Q, answers).ShouldBeEmpty();

        QuestionnaireScoring.Check(Q, [.. Required("yes"), new(Daily.BreathlessWhen, Codes: ["rest", "rest"])]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required("yes"), new(Daily.BreathlessWhen, Codes: ["sometimes"])]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required("yes"), new(Daily.BreathlessWhen, Codes: [])]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required(oxygen: "yes"), new(Daily.OxygenLitres, Number: 20)]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required(), new(Daily.Wellbeing, Number: 6.5m)]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required(), new(Daily.Message, Text: "  ")]).ShouldNotBeEmpty();
        QuestionnaireScoring.Check(Q, [.. Required(), new(Daily.Message, Text: new string('x', QuestionnaireAnswer.MaxTextLength + 1))]).ShouldNotBeEmpty();
    }

    [Fact]
    public void ResentAnswers_AreTheSameWhateverTheOrderOfChosenCodes()
    {
        var first = new QuestionnaireAnswer(Daily.BreathlessWhen, Codes: ["rest", "night"]);

        first.SameAs(new QuestionnaireAnswer(Daily.BreathlessWhen, Codes: ["night", "rest"])).ShouldBeTrue();
        first.SameAs(new QuestionnaireAnswer(Daily.BreathlessWhen, Codes: ["rest"])).ShouldBeFalse();
        first.HasCode("night").ShouldBeTrue();
    }

    [Fact]
    public void MultipleChoiceScores_AddUp()
    {
        var scored = new QuestionnaireDefinition("t", "https://varde.no/fhir/Questionnaire/t", "1", "T", "T",
            [new("symptoms", "Symptomer", "Symptoms", QuestionnaireItemType.MultipleChoice, [new("a", "A", "A", 2), new("b", "B", "B", 3), new("c", "C", "C", 5)])],
            HasScore: true);

        QuestionnaireScoring.Score(scored, [new("symptoms", Codes: ["a", "c"])]).ShouldBe(7);
    }
}
