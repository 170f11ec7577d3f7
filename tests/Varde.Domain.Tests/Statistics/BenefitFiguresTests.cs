using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class BenefitFiguresTests
{
    private static readonly DateTimeOffset Imported = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    // Enrolled without a pathway on `started`: followed from that day.
    private static PatientFacts Started(DateOnly started) => new(Guid.NewGuid(), LegalSex.Female, new(1944, 1, 1), Guid.NewGuid(), DiagnosisGroup.Copd, started, []);

    private static IEnumerable<ServiceUseMonth> BedDays(PatientFacts p, DateOnly from, params decimal[] perMonth) =>
        perMonth.Select((amount, i) => new ServiceUseMonth(p.PatientId, from.AddMonths(i), ServiceUseKind.BedDays, amount, "uttrekk", Imported));

    [Fact]
    public void TheChange_IsAfterLessBefore_PerPatientWithEveryMonth_WithAPairedInterval_AndOnlyWindowsThatAreOver()
    {
        var patients = new List<(PatientFacts, IReadOnlyList<ServiceUseMonth>)>();
        for (var i = 0; i < 5; i++)
        {
            // 2 bed days a month in the six months before March 2025; then 1 + i in March and 1 a month after: 12 before, 6 + i after.
            var p = Started(new(2025, 3, 10));
            patients.Add((p, [.. BedDays(p, new(2024, 9, 1), 2, 2, 2, 2, 2, 2), .. BedDays(p, new(2025, 3, 1), 1 + i, 1, 1, 1, 1, 1)]));
        }

        var gap = Started(new(2025, 3, 10)); // no figure for August 2025: not behind the bed-day figure
        patients.Add((gap, [.. BedDays(gap, new(2024, 9, 1), 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1)]));
        var tooRecent = Started(new(2025, 10, 1)); // six months from October are not over in January
        patients.Add((tooRecent, [.. BedDays(tooRecent, new(2025, 4, 1), 9, 9, 9, 9, 9, 9, 0, 0, 0, 0)]));

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
        var figures = BenefitFigures.Of([(p, [.. BedDays(p, new(2024, 9, 1), 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1)])], 6, new DateOnly(2026, 1, 15));

        figures.Eligible.ShouldBe(new Shown(null, true));
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new BenefitFigure(ServiceUseKind.BedDays, null, true, null, null, null, null, null));
    }
}
