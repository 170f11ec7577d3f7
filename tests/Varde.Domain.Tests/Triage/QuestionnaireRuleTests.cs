using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

public sealed class QuestionnaireRuleTests
{
    private static TriageReport Cat(int total)
    {
        // Spread the total over the eight CAT items (0–5 each).
        var items = QuestionnaireCatalogue.Cat.Items.Select((item, i) => (item.LinkId, Math.Clamp(total - (i * 5), 0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Answers(QuestionnaireCatalogue.CatId, Start, items.ToArray());
    }

    [Theory]
    [InlineData(0, TriageOutcome.Green)]
    [InlineData(20, TriageOutcome.Green)]
    [InlineData(21, TriageOutcome.Yellow)]
    [InlineData(30, TriageOutcome.Yellow)]
    [InlineData(31, TriageOutcome.Red)]
    [InlineData(40, TriageOutcome.Red)]
    public void CatScore_FallsInItsBand(int total, TriageOutcome expected)
    {
        var plan = Plan(Rules(bands: [new ScoreBandRule(QuestionnaireCatalogue.CatId, YellowFrom: 21, RedFrom: 31)]));

        var report = Cat(total);
        report.Score.ShouldBe(total);
        Last(plan, report).Outcome.ShouldBe(expected);
    }

    [Fact]
    public void MoreBreathlessYes_IsYellow_AndExplained()
    {
        var plan = Plan(Rules(answers: [new AnswerRule(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.MoreBreathless, "yes", TriageOutcome.Yellow)]));

        var result = Last(plan, Answers(QuestionnaireCatalogue.DailySymptomsId, Start, ("more-breathless", "yes"), ("swelling", "no"), ("chest-pain", "no")));

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
        result.ExplanationNb.ShouldBe("Svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul (plan v1).");
    }

    [Fact]
    public void NoRuleForTheQuestionnaire_IsLeftToANurse()
    {
        var result = Last(Plan(Rules()), Answers(QuestionnaireCatalogue.DailySymptomsId, Start, ("more-breathless", "no"), ("swelling", "no"), ("chest-pain", "no")));

        result.Outcome.ShouldBe(TriageOutcome.NoThresholds);
    }

    [Fact]
    public void Scoring_RejectsUnknownItemsAndMissingRequiredOnes()
    {
        var errors = QuestionnaireScoring.Check(QuestionnaireCatalogue.DailySymptoms, [new("more-breathless", "maybe"), new("nope", "yes")]);

        errors.Select(e => e.Message).ShouldContain(m => m.Contains("takes one of"));
        errors.Select(e => e.Message).ShouldContain(m => m.Contains("has no item 'nope'"));
        errors.Select(e => e.Message).ShouldContain(m => m.Contains("'swelling' must be answered"));
    }
}
