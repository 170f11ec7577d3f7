using Varde.Domain.Questionnaires;
using Varde.Domain.Surveys;

namespace Varde.Domain.Tests.Surveys;

public sealed class SurveyFiguresTests
{
    private static readonly QuestionnaireDefinition Q = QuestionnaireCatalogue.UserExperience;

    private static IEnumerable<SurveyCellAnswer> Cells(string cell, int count, string overall = "satisfied") =>
        Enumerable.Range(0, count).Select(_ => new SurveyCellAnswer(cell, false, [new QuestionnaireAnswer("overall", overall)]));

    // The figures of the group made of the cells named.
    private static SurveyFigureSet Of(IEnumerable<SurveyCellAnswer> all, params string[] group) =>
        SurveyFigures.Of(Q, [.. all.Select(a => a with { InGroup = group.Contains(a.Cell) })]);

    [Fact]
    public void AGroupOfTen_IsShown_AndOfNine_IsNot()
    {
        Of(Cells("", 10), "").Answers.ShouldBe(10);
        Of(Cells("", 9), "").Hidden.ShouldBe(SurveyHiding.TooFewAnswers);
        Of([], "").Hidden.ShouldBe(SurveyHiding.TooFewAnswers);
    }

    [Fact]
    public void AGroupIsHidden_WhenAnotherCellOfTheBreakdownHasOneToNine_ButNotWhenItHasNone()
    {
        Of([.. Cells("women", 12), .. Cells("men", 3)], "women").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        Of([.. Cells("women", 12), .. Cells("men", 10)], "women").Answers.ShouldBe(12);
        Of(Cells("women", 12), "women").Answers.ShouldBe(12);
    }

    [Fact]
    public void CombinedFilters_CheckEveryCombination_SoThatNoCellFollowsFromTheMarginals()
    {
        // Women 67–79: 12, women 80+: 10, men 67–79: 10, men 80+: 3. "Men 80+" = whole − women − 67–79 + women 67–79,
        // so women 67–79 must not be shown, though it and its two neighbours have ten or more.
        var all = new[] { Cells("f|67", 12), Cells("f|80", 10), Cells("m|67", 10), Cells("m|80", 3) }.SelectMany(c => c).ToList();
        Of(all, "f|67").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
    }

    [Fact]
    public void AGroupOfSeveralCells_IsShown_OnlyWhenEveryCellHasNoneOrTen()
    {
        // Service 1 in Alfa (12) and Beta (12); service 2 in Gamma (20) and 3 patients living in Alfa. "Service 2 − Gamma"
        // would give those 3 away, so no scoped figure is shown while that cell is there.
        var all = new[] { Cells("s1/alfa", 12), Cells("s1/beta", 12), Cells("s2/gamma", 20), Cells("s2/alfa", 3) }.SelectMany(c => c).ToList();
        Of(all, "s1/alfa", "s1/beta").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        Of(all, "s2/gamma").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        Of(all.Where(a => a.Cell != "s2/alfa"), "s1/alfa", "s1/beta").Answers.ShouldBe(24);
    }

    [Fact]
    public void OptionSharesAreOfThoseWhoAnswered_AndAQuestionFewAnsweredIsHiddenAlone()
    {
        var answers = Cells("", 8, "very-satisfied").Concat(Cells("", 4, "satisfied"))
            .Select((a, i) => i < 3 ? a with { Answers = [.. a.Answers, new("has-plan", "yes"), new("plan-useful", "yes")] } : a)
            .ToList();

        var figures = Of(answers, "");

        figures.Answers.ShouldBe(12);
        var overall = figures.Items.Single(i => i.LinkId == "overall");
        overall.Options.Take(2).Select(o => (o.Count, Math.Round(o.Share, 4))).ShouldBe([(8, 0.6667), (4, 0.3333)]);
        figures.Items.Single(i => i.LinkId == "plan-useful").Hidden.ShouldBe(SurveyHiding.TooFewAnswers);
    }

    [Theory]
    [InlineData("2026-11-24", 6, "2026-07-01", "2026-12-31")]
    [InlineData("2026-11-24", 4, "2026-09-01", "2026-12-31")]
    [InlineData("2026-03-31", 3, "2026-01-01", "2026-03-31")]
    public void ARoundIsTheCalendarPeriodTheDayFallsIn(string day, int months, string start, string end)
    {
        var round = SurveyRound.Of(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), months);
        (round.Start, round.End).ShouldBe((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
        round.IsClosedOn(round.End.AddDays(1)).ShouldBeFalse(); // a whole day after the last, for answers sent just before midnight
        round.IsClosedOn(round.End.AddDays(2)).ShouldBeTrue();
    }

    [Fact]
    public void ARoundIsReadOnlyFromAMonthThatStartsOne()
    {
        SurveyRound.Parse("2026-07", 6).Value.ShouldBe(new SurveyRound(new DateOnly(2026, 7, 1), 6));
        SurveyRound.Parse("2026-05", 4).Value.End.ShouldBe(new DateOnly(2026, 8, 31));
        SurveyRound.Parse("2026-02", 6).Errors.Single().Field.ShouldBe("round");
        SurveyRound.Parse("2026-07", 5).Errors.Single().Field.ShouldBe("months");
        SurveyRound.Parse("juli", 6).Errors.Single().Field.ShouldBe("round");
    }

    [Fact]
    public void ASurveyCannotAskForFreeText()
    {
        var set = SurveyProgramme.Set(null, Guid.NewGuid(), true, QuestionnaireCatalogue.DailySymptomsId, 6, true, false, QuestionnaireCatalogue.BuiltIn, "leder", DateTimeOffset.UnixEpoch);
        set.Errors.Single().Field.ShouldBe("questionnaire");
        SurveyProgramme.Set(null, Guid.NewGuid(), true, QuestionnaireCatalogue.UserExperienceId, 3, false, true, QuestionnaireCatalogue.BuiltIn, "leder", DateTimeOffset.UnixEpoch)
            .IsValid.ShouldBeTrue();
    }

    [Fact]
    public void AStrayFieldBesideAnAnswer_IsRefused_SoNoChoiceIsCountedThatWasNotMade()
    {
        var errors = QuestionnaireScoring.Check(QuestionnaireCatalogue.DailySymptoms,
        [
            new(QuestionnaireCatalogue.Daily.MoreBreathless, "no"),
            new(QuestionnaireCatalogue.Daily.Swelling, "no"),
            new(QuestionnaireCatalogue.Daily.ChestPain, "no", Codes: ["yes"]),
            new(QuestionnaireCatalogue.Daily.Wellbeing, Number: 7, Text: "fint"),
        ]);

        errors.Select(e => (e.Field, e.Message)).ShouldBe(
        [
            ("answers[2]", "Item 'chest-pain' takes no codes: give only what its type takes."),
            ("answers[3]", "Item 'wellbeing' takes no text: give only what its type takes."),
        ]);
    }
}
