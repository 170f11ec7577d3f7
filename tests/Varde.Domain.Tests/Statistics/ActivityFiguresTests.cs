using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class ActivityFiguresTests
{
    private static readonly StatisticsPeriod Year2025 = new(new(2025, 1, 1), new(2025, 12, 31));
    private static readonly Guid Molde = Guid.NewGuid();
    private static readonly MunicipalityInScope[] Municipalities = [new(Molde, "1506", "Molde")];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    // A pathway followed at home from its trial's start; ended on `ended` when given.
    private static PathwayFacts Followed(DateOnly referred, DateOnly trial, DateOnly? ended = null, EndReason? reason = null)
    {
        List<PathwayStepFact> steps =
        [
            new(PathwayStep.Refer, PathwayState.Referred, referred),
            new(PathwayStep.StartAssessment, PathwayState.Assessment, referred),
            new(PathwayStep.Decide, PathwayState.Accepted, referred.AddDays(1)),
            new(PathwayStep.StartTrial, PathwayState.TrialPeriod, trial),
            new(PathwayStep.Activate, PathwayState.Active, trial.AddDays(14)),
        ];
        if (ended is { } on)
            steps.Add(new(PathwayStep.End, PathwayState.Ended, on));
        return new(referred, [.. steps.Where(s => ended is null || s.On <= ended)], trial, ended, reason);
    }

    private static PatientFacts Patient(LegalSex sex, int born, params PathwayFacts[] pathways) =>
        new(Guid.NewGuid(), sex, D(born, 6, 1), Molde, DiagnosisGroup.Copd, pathways.FirstOrDefault()?.ReferredOn ?? D(2025, 1, 15), pathways);

    private static IEnumerable<PatientFacts> Many(int count, Func<PatientFacts> one) => Enumerable.Range(0, count).Select(_ => one());

    [Fact]
    public void PathwayStates_AreNumberedFromZeroWithoutGaps_ForTheCountsByStateAtTheEnd() =>
        Enum.GetValues<PathwayState>().Select(s => (int)s).ShouldBe(Enumerable.Range(0, Enum.GetValues<PathwayState>().Length));

    [Fact]
    public void ARecipient_IsAPatientFollowedOnSomeDayOfThePeriod_CountedOnceWhenReReferred()
    {
        PatientFacts[] patients =
        [
            Patient(LegalSex.Male, 1960, Followed(D(2023, 1, 10), D(2023, 2, 1), D(2024, 6, 30), EndReason.NoLongerBenefits), Followed(D(2025, 4, 1), D(2025, 4, 15))),
            Patient(LegalSex.Male, 1960, Followed(D(2025, 4, 1), D(2025, 4, 15), D(2025, 5, 1), EndReason.TooIll), Followed(D(2025, 8, 1), D(2025, 8, 15))),
            Patient(LegalSex.Female, 1950, Followed(D(2024, 1, 1), D(2024, 1, 20), D(2025, 1, 1), EndReason.Died)),    // ended on the first day
            Patient(LegalSex.Female, 1950, Followed(D(2025, 12, 20), D(2025, 12, 31))),                                // started on the last day
            Patient(LegalSex.Female, 1950, Followed(D(2023, 1, 1), D(2023, 1, 20), D(2024, 12, 31), EndReason.Moved)), // ended the day before
            Patient(LegalSex.Female, 1950, Followed(D(2025, 12, 20), D(2026, 1, 1))),                                  // starts the day after
            Patient(LegalSex.Male, 1960),                                                                              // enrolled without a pathway
        ];

        var figures = ActivityFigures.Of(patients, Year2025, Municipalities);

        figures.Recipients.Value.ShouldBe(5);
        figures.Started.Value.ShouldBe(5); // the re-referred patient's second episode, both of the next, the last day's, the enrolment
        figures.RecipientsBySex.Select(c => c.Value).ShouldBe([null, null]); // 3 women and 2 men
        figures.RecipientsByMunicipality.Single().ShouldBe(new Cell("1506 Molde", 5, false));
    }

    [Fact]
    public void EpisodesStartedAndEnded_CountEpisodes_AndTheirLengthsAreShownFromFive()
    {
        var patients = Many(5, () => Patient(LegalSex.Female, 1944, Followed(D(2025, 3, 1), D(2025, 3, 10), D(2025, 3, 19), EndReason.TooIll)))
            .Append(Patient(LegalSex.Male, 1944, Followed(D(2025, 3, 1), D(2025, 3, 10), D(2025, 4, 8), EndReason.Died))).ToList();

        var figures = ActivityFigures.Of(patients, Year2025, Municipalities);

        figures.Started.Value.ShouldBe(6);
        figures.Ended.Value.ShouldBe(6);
        figures.EndedByReason.Single(c => c.Key == "TooIll").Value.ShouldBeNull(); // 5, but Died (1) would follow from the total
        figures.EndedByReason.Single(c => c.Key == "Died").Suppressed.ShouldBeTrue();
        figures.EndedByReason.Single(c => c.Key == "Moved").Value.ShouldBe(0);
        figures.MedianDaysOfEnded.Value.ShouldBe(10);         // 10, 10, 10, 10, 10, 30 days
        figures.MeanDaysOfEnded.Value.ShouldBe(13.3);
        figures.PatientDays.Value.ShouldBe(80);
    }

    [Fact]
    public void StateAtTheEnd_CountsPatientsWhosePathwayWasOpenInThePeriod_ByTheNewestOne()
    {
        var declined = new PathwayFacts(D(2025, 2, 1),
            [new(PathwayStep.Refer, PathwayState.Referred, D(2025, 2, 1)), new(PathwayStep.StartAssessment, PathwayState.Assessment, D(2025, 2, 2)),
             new(PathwayStep.Decide, PathwayState.Declined, D(2025, 2, 5))], null, null, null);
        var declinedLongAgo = declined with { ReferredOn = D(2020, 2, 1), Steps = [.. declined.Steps.Select(s => s with { On = s.On.AddYears(-5) })] };
        var patients = Many(5, () => Patient(LegalSex.Female, 1944, Followed(D(2024, 3, 1), D(2024, 3, 10))))
            .Append(Patient(LegalSex.Male, 1944, declined))
            .Append(Patient(LegalSex.Male, 1944, declinedLongAgo))
            .Append(Patient(LegalSex.Male, 1944, Followed(D(2026, 1, 2), D(2026, 1, 20))))
            .Append(Patient(LegalSex.Male, 1944)) // enrolled without a pathway
            .ToList();

        var figures = ActivityFigures.Of(patients, Year2025, Municipalities);

        figures.InPathway.Value.ShouldBe(7);
        figures.ByStateAtEnd.Single(c => c.Key == "Active").Suppressed.ShouldBeTrue(); // the two single cells beside it would be known to be 1s
        figures.ByStateAtEnd.Single(c => c.Key == "Declined").Suppressed.ShouldBeTrue();
        figures.ByStateAtEnd.Single(c => c.Key == ActivityFigures.WithoutPathway).Suppressed.ShouldBeTrue();
        figures.ByStateAtEnd.Single(c => c.Key == "Referred").Value.ShouldBe(0);
        figures.Referrals.Suppressed.ShouldBeTrue(); // the one declined in 2025
        figures.Declined.Suppressed.ShouldBeTrue();
    }
}
