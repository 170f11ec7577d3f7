using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

/// <summary>Every rule in plain words, in both languages: names, titles, question texts and answers, never ids or codes.</summary>
public sealed class PlanWordingTests
{
    [Fact]
    public void Answer_NamesTheQuestionnaireTheQuestionAndTheAnswer()
    {
        var rule = new AnswerRule(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.MoreBreathless, "yes", TriageOutcome.Yellow);

        var text = PlanWording.Answer(rule, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        text.Nb.ShouldBe("Spørreskjema «Daglige spørsmål»: svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul");
        text.En.ShouldBe("Questionnaire “Daily questions”: the answer “Yes” to “Are you more breathless than usual?” gives yellow");
    }

    [Fact]
    public void Answer_Red() =>
        PlanWording.Answer(new(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.ChestPain, "yes", TriageOutcome.Red), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).Nb
            .ShouldBe("Spørreskjema «Daglige spørsmål»: svar «Ja» på «Har du brystsmerter nå?» gir rød");

    [Fact]
    public void Band_NamesTheInstrumentsScore()
    {
        var text = PlanWording.Band(new ScoreBandRule(QuestionnaireCatalogue.CatId, YellowFrom: 21, RedFrom: 31), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        text.Nb.ShouldBe("CAT-poengsum 21 eller mer gir gul, 31 eller mer gir rød");
        text.En.ShouldBe("CAT score 21 or more gives yellow, 31 or more gives red");
    }

    [Fact]
    public void Band_WithOnlyARedBound_SaysOnlyRed() =>
        PlanWording.Band(new ScoreBandRule(QuestionnaireCatalogue.CatId, YellowFrom: null, RedFrom: 31), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBe(
            new PlanText("CAT-poengsum 31 eller mer gir rød", "CAT score 31 or more gives red"));

    [Fact]
    public void Trend_ReadsWithTheMeasurementsNameUnitAndDecimalComma()
    {
        var text = PlanWording.Trend(new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m, YellowFall: 2.5m));

        text.Nb.ShouldBe("Vekt i løpet av 3 dager: økning på mer enn 2 kg gir gul, mer enn 3 kg gir rød; fall på mer enn 2,5 kg gir gul");
        text.En.ShouldBe("Weight within 3 days: a rise of more than 2 kg gives yellow, more than 3 kg gives red; a fall of more than 2.5 kg gives yellow");
    }

    [Fact]
    public void Run_SaysWhatARunIs() =>
        PlanWording.Run(new ConsecutiveYellowRule(3, 7)).ShouldBe(new PlanText(
            "3 gule resultater på rad for samme måling innen 7 dager gir rød",
            "3 yellow results in a row for the same measurement within 7 days give red"));

    [Fact]
    public void News2_SaysTheBandsAndTheWindow() =>
        PlanWording.News2(new News2Settings(UseSpo2Scale2: true)).ShouldBe(new PlanText(
            "NEWS2-poengsum 5 eller mer gir gul, 7 eller mer gir rød; 3 poeng i én parameter gir gul (målinger innen 120 minutter, SpO2 etter skala 2)",
            "NEWS2 score 5 or more gives yellow, 7 or more gives red; 3 points in one parameter gives yellow (readings within 120 minutes, SpO2 on scale 2)"));

    [Fact]
    public void Schedule_NamesTheMeasurementOrTheQuestionnaireAndTheDays()
    {
        PlanWording.Schedule(new ScheduleItem(MeasurementType.OxygenSaturation, null, ScheduleItem.EveryDay, new TimeOnly(10, 0)), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBe(
            new PlanText("SpO2 hver dag innen kl. 10:00", "SpO2 every day by 10:00"));
        PlanWording.Schedule(new ScheduleItem(null, QuestionnaireCatalogue.CatId, [DayOfWeek.Monday], new TimeOnly(12, 0)), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBe(
            new PlanText("Spørreskjema «CAT – KOLS-vurderingstest (poeng per tema)» hver mandag innen kl. 12:00",
                "Questionnaire “CAT – COPD Assessment Test (score per topic)” every Monday by 12:00"));
        PlanWording.Schedule(new ScheduleItem(MeasurementType.BodyWeight, null, [DayOfWeek.Sunday, DayOfWeek.Wednesday, DayOfWeek.Monday], new TimeOnly(8, 30)), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBe(
            new PlanText("Vekt hver mandag, onsdag og søndag innen kl. 08:30", "Weight every Monday, Wednesday and Sunday by 08:30"));
    }

    [Fact]
    public void BoundAndAmount_UseTheNorwegianNameUnitAndDecimalComma()
    {
        var weight = MeasurementCatalogue.Get(MeasuredQuantity.BodyWeight);

        PlanWording.Bound(weight, TriageOutcome.Yellow, below: false).ShouldBe(new PlanText("Vekt: gul over", "Weight: yellow above"));
        PlanWording.Amount(82.4m, weight).ShouldBe(new PlanText("82,4 kg", "82.4 kg"));
        PlanWording.Amount(1.05m, MeasurementCatalogue.Get(MeasuredQuantity.BloodGlucose)).ShouldBe(new PlanText("1,1 mmol/L", "1.1 mmol/L"));
    }

    [Fact]
    public void UnknownQuestionnaire_FallsBackToWhatTheRuleSays() =>
        PlanWording.Band(new ScoreBandRule("old-form", 10, null), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).Nb.ShouldBe("Poengsum i «old-form» 10 eller mer gir gul");
}
