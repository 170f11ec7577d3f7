using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

public sealed class PlanDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);

    private static PlanRules Rules(string? yellow, params string[] goals) =>
        PlanRules.None with { Instructions = new ZoneInstructions(null, yellow, "Ring 113."), Guidance = new PlanGuidance(goals, [], []) };

    [Fact]
    public void ChangedBoundsAndTexts_AreListed_WithBeforeAndAfter_AndUnchangedOnesAreNot()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.", "Gå tur")).Value;
        var second = first.Revise(Guid.NewGuid(), [Spo2 with { RedLow = 86m }, new QuantityThreshold(MeasuredQuantity.Pulse, YellowHigh: 110m)], "n",
            Now.AddDays(1), rules: Rules("Ring oss i dag.", "Gå tur", "Se barnebarna")).Value;

        var changes = PlanDiff.Between(first, second, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        changes.Select(c => (c.What.Nb, Nb(c.Before), Nb(c.After))).ShouldBe(
        [
            ("Puls: gul over", "", "110 /min"),
            ("SpO2: rød under", "88 %", "86 %"),
            ("Hva gjør du i gult", "Ring oss.", "Ring oss i dag."),
            ("Mål", "Gå tur", "Gå tur | Se barnebarna"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void QuestionnaireAndTrendRules_AreListedInPlainWords_InBothLanguages()
    {
        var rules = PlanRules.None with
        {
            Changes = [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m)],
            ScoreBands = [new ScoreBandRule(QuestionnaireCatalogue.CatId, 21, 31)],
            Answers = [new AnswerRule(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.MoreBreathless, "yes", TriageOutcome.Yellow)],
            Schedule = [new ScheduleItem(null, QuestionnaireCatalogue.DailySymptomsId, ScheduleItem.EveryDay, new TimeOnly(10, 0))],
        };

        var changes = PlanDiff.Between(null, PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: rules).Value, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        changes.Where(c => c.Before.Count == 0 && c.What.Nb is not ("SpO2: rød under" or "SpO2: gul under"))
            .Select(c => (c.What.Nb, Nb(c.After), c.What.En, En(c.After))).ShouldBe(
        [
            ("Endring over tid", "Vekt i løpet av 3 dager: økning på mer enn 2 kg gir gul",
                "Change over time", "Weight within 3 days: a rise of more than 2 kg gives yellow"),
            ("Poengsum i spørreskjema", "CAT-poengsum 21 eller mer gir gul, 31 eller mer gir rød",
                "Questionnaire scores", "CAT score 21 or more gives yellow, 31 or more gives red"),
            ("Svar i spørreskjema", "Spørreskjema «Daglige spørsmål»: svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul",
                "Questionnaire answers", "Questionnaire “Daily questions”: the answer “Yes” to “Are you more breathless than usual?” gives yellow"),
            ("Måleplan", "Spørreskjema «Daglige spørsmål» hver dag innen kl. 10:00",
                "Schedule", "Questionnaire “Daily questions” every day by 10:00"),
        ]);
    }

    [Fact]
    public void SameContent_GivesNoChanges()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.")).Value;
        var second = first.Revise(Guid.NewGuid(), [Spo2], "gp", Now.AddDays(1)).Value;

        PlanDiff.Between(first, second, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBeEmpty();
    }

    [Fact]
    public void FirstVersion_ListsEverythingItSets() =>
        PlanDiff.Between(null, PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.")).Value, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn)
            .Select(c => c.What.En).ShouldBe(["SpO2: red below", "SpO2: yellow below", "What to do in yellow", "What to do in red"]);

    private static string Nb(IReadOnlyList<PlanText> lines) => string.Join(" | ", lines.Select(l => l.Nb));

    private static string En(IReadOnlyList<PlanText> lines) => string.Join(" | ", lines.Select(l => l.En));
}
