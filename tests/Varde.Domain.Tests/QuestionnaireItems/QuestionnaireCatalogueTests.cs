using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Domain.Tests.Triage;

namespace Varde.Domain.Tests.QuestionnaireItems;

/// <summary>Issue 17 item 7: versions and retirement of the installation's questionnaires; answers keep the version they answered.</summary>
public sealed class QuestionnaireCatalogueTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly QuestionnaireDefinition Daily1 = QuestionnaireCatalogue.DailySymptoms with { Version = "1", TitleNb = "Daglige spørsmål (1)" };
    private static readonly QuestionnaireDefinition Daily3 = QuestionnaireCatalogue.DailySymptoms with
    {
        Version = "3",
        Items = [.. QuestionnaireCatalogue.DailySymptoms.Items.Select(i => i.LinkId == "more-breathless" ? i with { TextNb = "Er du tyngre i pusten enn vanlig?" } : i)],
    };

    private static QuestionnaireCatalogue Catalogue(params string[] retired) =>
        new([Daily1, QuestionnaireCatalogue.Cat, QuestionnaireCatalogue.DailySymptoms, Daily3], retired);

    [Fact]
    public void TheCurrentVersion_IsTheLastPublished_AndEveryVersionIsKept()
    {
        var catalogue = Catalogue();

        catalogue.Find("daily-symptoms")!.Version.ShouldBe("3");
        catalogue.Find("daily-symptoms", "1")!.TitleNb.ShouldBe("Daglige spørsmål (1)");
        catalogue.Find("daily-symptoms", null)!.Version.ShouldBe("3");
        catalogue.Find("daily-symptoms", "9").ShouldBeNull();
        catalogue.Versions("daily-symptoms").Select(v => v.Version).ShouldBe(["1", "2", "3"]);
        catalogue.All.Select(q => q.Id).ShouldBe(["daily-symptoms", "cat"], "in the order first published");
    }

    [Fact]
    public void ARetiredQuestionnaire_IsNotOffered_ButStillFound()
    {
        var catalogue = Catalogue("cat");

        catalogue.Offered.Select(q => q.Id).ShouldBe(["daily-symptoms"]);
        catalogue.IsRetired("cat").ShouldBeTrue();
        catalogue.Find("cat").ShouldNotBeNull("answers and plans that have it keep working");
    }

    [Fact]
    public void AResponse_KeepsTheVersionItAnswered_TheCurrentOneWhenItNamesNone()
    {
        var answers = new List<QuestionnaireAnswer> { new("more-breathless", "no"), new("swelling", "no"), new("chest-pain", "no") };

        var current = QuestionnaireResponse.Record(Guid.NewGuid(), Guid.NewGuid(), "c-1", "daily-symptoms", answers, Now, "p", Now, Catalogue());
        var older = QuestionnaireResponse.Record(Guid.NewGuid(), Guid.NewGuid(), "c-2", "daily-symptoms", answers, Now, "p", Now, Catalogue(), questionnaireVersion: "1");
        var unknown = QuestionnaireResponse.Record(Guid.NewGuid(), Guid.NewGuid(), "c-3", "daily-symptoms", answers, Now, "p", Now, Catalogue(), questionnaireVersion: "7");
        var retired = QuestionnaireResponse.Record(Guid.NewGuid(), Guid.NewGuid(), "c-4", "cat", [.. QuestionnaireCatalogue.Cat.Items.Select(i => new QuestionnaireAnswer(i.LinkId, "1"))],
            Now, "p", Now, Catalogue("cat"));

        current.Value.QuestionnaireVersion.ShouldBe("3");
        older.Value.QuestionnaireVersion.ShouldBe("1");
        older.Value.AsReport().QuestionnaireVersion.ShouldBe("1");
        unknown.Errors.ShouldHaveSingleItem().Field.ShouldBe("questionnaireVersion");
        retired.IsValid.ShouldBeTrue("a plan that has a retired questionnaire keeps working");
    }

    [Fact]
    public void Triage_ExplainsAnAnswer_InTheWordsOfTheVersionAnswered()
    {
        var plan = TriageTestKit.Plan(TriageTestKit.Rules(answers: [new AnswerRule("daily-symptoms", "more-breathless", "yes", TriageOutcome.Yellow)]));
        var report = TriageTestKit.Answers("daily-symptoms", TriageTestKit.Start, ("more-breathless", "yes"), ("swelling", "no"), ("chest-pain", "no"));

        var asVersion3 = TriageEngine.Evaluate(report with { QuestionnaireVersion = "3" }, [], plan, Catalogue());
        var asVersion2 = TriageEngine.Evaluate(report with { QuestionnaireVersion = "2" }, [], plan, Catalogue());

        asVersion3.Outcome.ShouldBe(TriageOutcome.Yellow);
        asVersion3.ExplanationNb.ShouldContain("Er du tyngre i pusten enn vanlig?");
        asVersion2.Outcome.ShouldBe(TriageOutcome.Yellow);
        asVersion2.ExplanationNb.ShouldContain("Er du mer tungpustet enn vanlig?");
    }
}
