using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class KprEpisodesTests
{
    private static readonly StatisticsPeriod Year2025 = new(new(2025, 1, 1), new(2025, 12, 31));

    private static DateOnly D(int month, int day, int year = 2025) => new(year, month, day);

    private static PathwayFacts Followed(DateOnly decided, DateOnly trial, DateOnly? ended = null) =>
        new(decided.AddDays(-3),
        [
            new(PathwayStep.Refer, PathwayState.Referred, decided.AddDays(-3)),
            new(PathwayStep.Decide, PathwayState.Accepted, decided),
            new(PathwayStep.StartTrial, PathwayState.TrialPeriod, trial),
        ], trial, ended, ended is null ? null : EndReason.Moved);

    private static KprPatient Patient(string number, IdentityNumberKind kind = IdentityNumberKind.Fodselsnummer, params PathwayFacts[] pathways) =>
        new(number, kind, "3901", new(Guid.NewGuid(), LegalSex.Female, new(1944, 1, 1), Guid.NewGuid(), DiagnosisGroup.Copd, D(1, 2), pathways));

    [Fact]
    public void EachEpisodeInThePeriod_IsALine_AndEveryProblemIsReported_ErrorsLeavingThePersonOut()
    {
        var fine = Patient("01", pathways: [Followed(D(2, 1), D(2, 10), D(6, 30)), Followed(D(8, 1), D(8, 10))]);
        var before = Patient("02", pathways: Followed(D(2, 1, 2024), D(2, 10, 2024), D(12, 31, 2024)));
        var helpNumber = Patient("03", IdentityNumberKind.HNummer, Followed(D(2, 1), D(2, 10)));
        var overlapping = Patient("04", pathways: [Followed(D(2, 1), D(2, 10)), Followed(D(5, 1), D(5, 10))]);
        var withoutPathway = Patient("05");
        var decidedLate = Patient("06", pathways: Followed(D(3, 1), D(2, 10)));

        var (episodes, problems) = KprEpisodes.Of([decidedLate, withoutPathway, overlapping, helpNumber, before, fine], Year2025);

        episodes.Select(e => (e.IdentityNumber, e.StartDate, e.EndDate, e.DecisionDate)).ShouldBe(
        [
            ("01", D(2, 10), D(6, 30), D(2, 1)),
            ("01", D(8, 10), null, D(8, 1)),
            ("05", D(1, 2), null, null),
        ]);
        episodes.ShouldAllBe(e => e.MunicipalityNumber == "3901" && e.ServiceType == KprEpisodes.ServiceType);
        problems.Select(p => (p.PatientId, p.Severity, p.Code)).ShouldBe(
        [
            (helpNumber.Facts.PatientId, KprEpisodes.Error, "h-number"),
            (overlapping.Facts.PatientId, KprEpisodes.Error, "overlapping"),
            (withoutPathway.Facts.PatientId, KprEpisodes.Warning, "no-decision-date"),
            (decidedLate.Facts.PatientId, KprEpisodes.Error, "decided-after-start"),
        ]);
    }
}
