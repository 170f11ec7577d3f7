using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class BenefitFiguresTests
{
    // Enrolled without a pathway on `started`: followed from that day.
    private static PatientFacts Started(DateOnly started) => new(Guid.NewGuid(), LegalSex.Female, new(1944, 1, 1), Guid.NewGuid(), DiagnosisGroup.Copd, started, []);

    private static IEnumerable<MonthOfUse> BedDays(DateOnly from, params decimal[] perMonth) =>
        perMonth.Select((amount, i) => new MonthOfUse(from.AddMonths(i), ServiceUseKind.BedDays, amount));

    [Fact]
    public void TheChange_IsAfterLessBefore_PerPatientWithEveryMonth_WithAPairedInterval_AndOnlyWindowsThatAreOver()
    {
        var patients = new List<(PatientFacts, IReadOnlyList<MonthOfUse>)>();
        for (var i = 0; i < 5; i++)
        {
            // 2 bed days a month in the six months before March 2025; then 1 + i in March and 1 a month after: 12 before, 6 + i after.
            var p = Started(new(2025, 3, 10));
            patients.Add((p, [.. BedDays(new(2024, 9, 1), 2, 2, 2, 2, 2, 2), .. BedDays(new(2025, 3, 1), 1 + i, 1, 1, 1, 1, 1)]));
        }

        var gap = Started(new(2025, 3, 10)); // no figure for August 2025: not behind the bed-day figure
        patients.Add((gap, [.. BedDays(new(2024, 9, 1), 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1)]));
        var tooRecent = Started(new(2025, 10, 1)); // six months from October are not over in January
        patients.Add((tooRecent, [.. BedDays(new(2025, 4, 1), 9, 9, 9, 9, 9, 9, 0, 0, 0, 0)]));

        var figures = BenefitFigures.Of(patients, 6, new DateOnly(2026, 1, 15));

        figures.Months.ShouldBe(6);
        figures.Eligible.ShouldBe(new Shown(6, false));
        // Changes −6, −5, −4, −3, −2: mean −4, sd 1.581, t(4) = 2.776: −4 ± 1.96.
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new BenefitFigure(ServiceUseKind.BedDays, 5, false, 12, 8, -4, -5.96, -2.04));
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.HospitalAdmissions).ShouldBe(new BenefitFigure(ServiceUseKind.HospitalAdmissions, 0, false, null, null, null, null, null));
    }

    [Fact]
    public void FewerThanFivePatients_HideTheFigure()
    {
        var p = Started(new(2025, 3, 10));
        var figures = BenefitFigures.Of([(p, [.. BedDays(new(2024, 9, 1), 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1)])], 6, new DateOnly(2026, 1, 15));

        figures.Eligible.ShouldBe(new Shown(null, true));
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new BenefitFigure(ServiceUseKind.BedDays, null, true, null, null, null, null, null));
    }

    [Fact]
    public void MonthsOutsideTheWindow_CountForNothing_OtherServicesAreApart_AndAMonthGivenTwiceIsRefused()
    {
        var p = Started(new(2025, 3, 31));
        var around = BedDays(new(2024, 9, 1), 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1).ToList();
        IReadOnlyList<MonthOfUse> use =
        [
            new(new(2024, 8, 1), ServiceUseKind.BedDays, 50), .. around, new(new(2025, 9, 1), ServiceUseKind.BedDays, 50),
            .. around.Take(11).Select(m => m with { Kind = ServiceUseKind.GpVisits }), // no GP figure for August 2025
        ];

        var windows = BeforeAndAfter.Of([(p, use)], 6, new DateOnly(2026, 1, 15));

        windows.Eligible.ShouldBe([p.PatientId]);
        windows.Changes.ShouldBe([new UseChange(p.PatientId, p.MunicipalityId, ServiceUseKind.BedDays, 12, 6)]);
        Should.Throw<ArgumentException>(() => BeforeAndAfter.Of([(p, [.. use, around[3]])], 6, new DateOnly(2026, 1, 15)))
            .Message.ShouldContain("2024-12 of BedDays is given twice");
        new MonthOfUse(new(2024, 9, 17), ServiceUseKind.BedDays, 1).Month.ShouldBe(new DateOnly(2024, 9, 1));
    }

    [Fact]
    public void FollowUp_StartsOnTheFirstEpisode_ThatIsTheEarliestTrialOrTheEnrolmentWithoutAPathway()
    {
        static PathwayFacts Trial(DateOnly? started) =>
            new(new(2024, 1, 2), [new(PathwayStep.Refer, PathwayState.Referred, new(2024, 1, 2))], started, null, null);
        var twoPathways = Started(new(2024, 1, 1)) with { Pathways = [Trial(new(2025, 5, 2)), Trial(null), Trial(new(2024, 11, 20))] };
        var notStarted = Started(new(2024, 1, 1)) with { Pathways = [Trial(null)] };

        twoPathways.FollowedFrom.ShouldBe(new DateOnly(2024, 11, 20));
        twoPathways.FollowedFrom.ShouldBe(twoPathways.Episodes().Min(e => e.StartedOn));
        notStarted.FollowedFrom.ShouldBeNull();
        notStarted.Episodes().ShouldBeEmpty();
        Started(new(2024, 1, 1)).FollowedFrom.ShouldBe(new DateOnly(2024, 1, 1));
    }
}
