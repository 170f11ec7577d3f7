using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class EvaluationFiguresTests
{
    private static readonly StatisticsPeriod Year = new(new(2026, 1, 1), new(2026, 12, 31));

    private static PatientFacts Patient(params EvaluationFact[] evaluations) =>
        new(Guid.NewGuid(), LegalSex.Female, new(1944, 1, 1), Guid.Empty, DiagnosisGroup.Copd, new(2025, 1, 1),
            [new PathwayFacts(new(2025, 1, 1), [], new(2025, 1, 10), null, null, evaluations)]);

    private static EvaluationFact Held(int month, GoalAttainment goals, bool safer, SelfManagementChange change = SelfManagementChange.Better) =>
        new(new(2026, month, 15), new EvaluationAssessment(goals, change, safer, ReportsWithoutHelp: true));

    [Fact]
    public void EvaluationsInThePeriod_AreCountedByGoalsAndSelfManagement_WithSmallCountsHidden_AndSharesOfTheStructuredOnes()
    {
        var safer = EvaluationFigures.Of([.. Enumerable.Range(1, 10).Select(m => Patient(Held(m, GoalAttainment.Met, m <= 5)))], Year);
        safer.PercentFeelsSafer.ShouldBe(new ShownNumber(50, false)); // five and five
        AllFigures();
    }

    private static void AllFigures()
    {
        var figures = EvaluationFigures.Of(
        [
            Patient(Held(2, GoalAttainment.Met, true), Held(5, GoalAttainment.Met, true)),
            Patient(Held(3, GoalAttainment.Met, true), Held(6, GoalAttainment.PartlyMet, false, SelfManagementChange.Same)),
            Patient(Held(4, GoalAttainment.PartlyMet, true), new EvaluationFact(new(2026, 7, 1), null)),
            Patient(Held(12, GoalAttainment.NotMet, false, SelfManagementChange.Worse) with { HeldOn = new(2025, 12, 31) }), // before the period
        ], Year);

        figures.Held.ShouldBe(new Shown(6, false));
        // Met 3, partly 2, not met 0, without an assessment 1: the three small ones hidden (together 6, in more than one way).
        figures.ByGoals.ShouldBe([new Cell("Met", null, true), new Cell("PartlyMet", null, true), new Cell("NotMet", 0, false), new Cell(EvaluationFigures.NotStructured, null, true)]);
        // Of the five structured: four feel safer (80 % would tell the one who does not: hidden), all report without help.
        figures.PercentFeelsSafer.ShouldBe(new ShownNumber(null, true));
        figures.PercentReportsWithoutHelp.ShouldBe(new ShownNumber(100, false));
    }

    [Fact]
    public void AShareWhoseNoCountIsOneToFour_IsHidden()
    {
        var figures = EvaluationFigures.Of([Patient(Held(1, GoalAttainment.Met, true), Held(2, GoalAttainment.Met, true), Held(3, GoalAttainment.Met, true),
            Held(4, GoalAttainment.Met, true), Held(5, GoalAttainment.Met, true), Held(6, GoalAttainment.Met, true), Held(7, GoalAttainment.Met, false))], Year);

        figures.PercentFeelsSafer.ShouldBe(new ShownNumber(null, true)); // 6 of 7 would tell the one who does not
        figures.PercentReportsWithoutHelp.ShouldBe(new ShownNumber(100, false)); // all: nobody pointed at
    }

    [Fact]
    public void WithFewerThanFiveStructuredEvaluations_TheSharesAreHidden()
    {
        var figures = EvaluationFigures.Of([Patient(Held(2, GoalAttainment.Met, true), Held(5, GoalAttainment.Met, true), new EvaluationFact(new(2026, 7, 1), null),
            new EvaluationFact(new(2026, 8, 1), null), new EvaluationFact(new(2026, 9, 1), null))], Year);

        figures.Held.ShouldBe(new Shown(5, false));
        figures.PercentFeelsSafer.ShouldBe(new ShownNumber(null, true));
    }

    [Fact]
    public void AnEvaluation_NeedsTheStructuredAssessment_AndKeepsItWithTheNote()
    {
        var nurse = new Caller("n", Role.Nurse, Guid.Empty);
        var at = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var pathway = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", nurse, at.AddDays(-60)).Value;
        pathway.StartAssessment(nurse, at.AddDays(-59)).ShouldBeEmpty();
        pathway.Accept(new(true, true, true, true, true, true, HasBankId: true, HasOwnDevice: true, HasCoverage: true), new DateOnly(2026, 1, 10), at.AddDays(-55),
            new Caller("c", Role.Coordinator, Guid.Empty), at.AddDays(-55)).ShouldBeEmpty();
        pathway.RecordStartUp(at.AddDays(-50), at.AddDays(-50), [new("Nettbrett", "TAB-7")], nurse, at.AddDays(-50)).ShouldBeEmpty();
        pathway.StartTrial(14, nurse, at.AddDays(-50)).ShouldBeEmpty();
        pathway.Activate(true, new DateOnly(2026, 3, 1), nurse, at.AddDays(-30)).ShouldBeEmpty();

        pathway.RecordEvaluation(null, "Bare tekst", new DateOnly(2026, 6, 1), nurse, at).Single().Field.ShouldBe("assessment");
        pathway.RecordEvaluation(new((GoalAttainment)9, SelfManagementChange.Same, true, true), null, null, nurse, at).Single().Field.ShouldBe("assessment");
        pathway.RecordEvaluation(new(GoalAttainment.Met, SelfManagementChange.Same, true, true), "  Trygg  ", new DateOnly(2026, 6, 1), nurse, at).ShouldBeEmpty();

        pathway.Evaluations[0].ShouldBe(new Evaluation(new DateOnly(2026, 3, 1), at, "Trygg", true, new(GoalAttainment.Met, SelfManagementChange.Same, true, true)));
    }
}
