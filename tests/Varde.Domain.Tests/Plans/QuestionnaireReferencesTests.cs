using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

/// <summary>Issue 17 item 7: the questionnaires a plan's or template's rules name are checked against the installation's, a retired one kept only where it was.</summary>
public sealed class QuestionnaireReferencesTests
{
    private static readonly QuestionnaireCatalogue CatRetired = new([QuestionnaireCatalogue.Cat, QuestionnaireCatalogue.DailySymptoms], ["cat"]);

    private static PlanRules Rules(IReadOnlyList<ScoreBandRule>? bands = null, IReadOnlyList<AnswerRule>? answers = null, IReadOnlyList<ScheduleItem>? schedule = null,
        ZoneInstructions? instructions = null) =>
        new([], null, bands ?? [], answers ?? [], null, schedule ?? [], instructions);

    [Fact]
    public void TheDefaultPlans_NameOnlyTheBuiltInQuestionnaires()
    {
        foreach (var group in DefaultPlans.Groups)
            QuestionnaireReferences.Check(DefaultPlans.Rules(group), QuestionnaireCatalogue.BuiltIn).ShouldBeEmpty();
    }

    [Fact]
    public void UnknownQuestionnaires_Answers_AndScoresThatDoNotExist_AreRefusedByField()
    {
        var rules = Rules(
            bands: [new ScoreBandRule("daily-symptoms", 5, 10), new ScoreBandRule("phq-9", 10, 20)],
            answers: [new AnswerRule("daily-symptoms", "more-breathless", "sometimes", TriageOutcome.Yellow), new AnswerRule("daily-symptoms", "chest-pain", "yes", TriageOutcome.Red)],
            schedule: [new ScheduleItem(null, "phq-9", ScheduleItem.EveryDay, new TimeOnly(9, 0))],
            instructions: new ZoneInstructions(null, null, null, [new SubjectInstructions("questionnaire:phq-9", "x", null)]));

        var errors = QuestionnaireReferences.Check(rules, QuestionnaireCatalogue.BuiltIn);

        errors.Select(e => e.Field).ShouldBe(["rules.scoreBands[0]", "rules.scoreBands[1]", "rules.answers[0]", "rules.schedule[0]", "rules.instructions.subjects[0].subject"]);
        errors[0].Message.ShouldContain("no score");
        errors[2].Message.ShouldContain("'more-breathless' = 'sometimes'");
    }

    [Fact]
    public void ARetiredQuestionnaire_IsRefusedForSomethingNew_ButKeptWhereTheVersionBeforeHadIt()
    {
        var withCat = Rules(bands: [new ScoreBandRule("cat", 21, 31)], schedule: [new ScheduleItem(null, "cat", [DayOfWeek.Monday], new TimeOnly(12, 0))]);

        QuestionnaireReferences.Check(withCat, CatRetired).Select(e => e.Field).ShouldBe(["rules.scoreBands[0]", "rules.schedule[0]"]);
        QuestionnaireReferences.Check(withCat, CatRetired)[0].Message.ShouldContain("retired");
        QuestionnaireReferences.Check(withCat, CatRetired, kept: withCat).ShouldBeEmpty();
        QuestionnaireReferences.Check(withCat with { ScoreBands = [] }, CatRetired, kept: Rules(schedule: withCat.Schedule)).ShouldBeEmpty();
    }

    [Fact]
    public void ANewVersion_ThatDropsAnAnswerOrTheScoreARuleUses_IsNamed()
    {
        var rules = DefaultPlans.Rules(DiagnosisGroup.Copd | DiagnosisGroup.HeartFailure);
        var withoutChestPain = QuestionnaireCatalogue.DailySymptoms with
        {
            Version = "3",
            Items = [.. QuestionnaireCatalogue.DailySymptoms.Items.Where(i => i.LinkId != "chest-pain")],
        };
        var catWithoutScore = QuestionnaireCatalogue.Cat with { Version = "2", HasScore = false };

        QuestionnaireReferences.BrokenBy(withoutChestPain, rules).ShouldHaveSingleItem().ShouldContain("'chest-pain' = 'yes' sets red");
        QuestionnaireReferences.BrokenBy(catWithoutScore, rules).ShouldHaveSingleItem().ShouldContain("score band");
        QuestionnaireReferences.BrokenBy(QuestionnaireCatalogue.DailySymptoms with { Version = "3" }, rules).ShouldBeEmpty();
        QuestionnaireReferences.BrokenBy(withoutChestPain, DefaultPlans.Rules(DiagnosisGroup.Copd)).ShouldBeEmpty("COPD alone does not use chest pain");
    }
}
