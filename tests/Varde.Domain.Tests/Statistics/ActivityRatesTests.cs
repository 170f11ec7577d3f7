using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class ActivityRatesTests
{
    private static readonly MunicipalityInScope Molde = new(Guid.NewGuid(), "1506", "Molde");
    private static readonly MunicipalityInScope Oslo = new(Guid.NewGuid(), "0301", "Oslo");
    private static readonly MunicipalityInScope Aukra = new(Guid.NewGuid(), "1547", "Aukra");
    private static readonly StatisticsPeriod Year2025 = new(new(2025, 1, 1), new(2025, 12, 31));

    private static PatientFacts Recipient(MunicipalityInScope m, LegalSex sex, int age) =>
        new(Guid.NewGuid(), sex, Year2025.To.AddYears(-age), m.Id, DiagnosisGroup.Copd, new(2025, 1, 1), []);

    private static PopulationCount Count(MunicipalityInScope m, LegalSex sex, string ageGroup, int count) => new(m.Number, 2025, sex, ageGroup, count);

    private static readonly PopulationYear Population = new(2025,
    [
        Count(Molde, LegalSex.Female, "80-89", 300), Count(Molde, LegalSex.Female, "18-49", 1_700),
        Count(Molde, LegalSex.Male, "80-89", 200), Count(Molde, LegalSex.Male, "18-49", 1_800),
        Count(Oslo, LegalSex.Male, "67-79", 40_000), Count(Oslo, LegalSex.Female, "67-79", 45_000),
    ]);

    private static List<PatientFacts> MoldeAndOslo() =>
    [
        .. Enumerable.Range(0, 6).Select(_ => Recipient(Molde, LegalSex.Female, 85)),
        .. Enumerable.Range(0, 6).Select(_ => Recipient(Molde, LegalSex.Male, 85)),
        .. Enumerable.Range(0, 2).Select(_ => Recipient(Oslo, LegalSex.Male, 70)),
    ];

    [Fact]
    public void Rates_ArePer1000OfTheGroupsInhabitants_AndHiddenExactlyWhereTheirCountsAre()
    {
        var figures = ActivityFigures.Of(MoldeAndOslo(), Year2025, [Molde, Oslo], Population);

        var rates = figures.Rates.ShouldNotBeNull();
        rates.Year.ShouldBe(2025);
        rates.Inhabitants.ShouldBe(89_000);
        rates.WithoutPopulation.ShouldBeEmpty();
        rates.Overall.ShouldBe(new Rate("All", 0.2, 89_000, false)); // 14 of 89,000
        rates.BySex.ShouldBe([new("Female", 0.1, 47_000, false), new("Male", 0.2, 42_000, false)]); // 6 and 8
        figures.RecipientsByAgeGroup.Single(c => c.Key == "67-79").Suppressed.ShouldBeTrue(); // 2, and so the 12 of 80–89
        rates.ByAgeGroup.Single(r => r.Key == "67-79").ShouldBe(new Rate("67-79", null, 85_000, true));
        rates.ByAgeGroup.Single(r => r.Key == "80-89").ShouldBe(new Rate("80-89", null, 500, true));
        rates.ByAgeGroup.Single(r => r.Key == "18-49").ShouldBe(new Rate("18-49", 0.0, 3_500, false));
        rates.ByMunicipality.ShouldBe([new("0301 Oslo", null, 85_000, true), new("1506 Molde", null, 4_000, true)]);
        // Molde (4,000: G2) and Oslo (G8) are hidden in the municipality table, so their size groups are too.
        rates.RecipientsBySizeGroup.Where(c => c.Key is "G2" or "G8").ShouldAllBe(c => c.Suppressed);
        rates.BySizeGroup.Single(r => r.Key == "G1").ShouldBe(new Rate("G1", null, 0, false));
    }

    [Fact]
    public void AMunicipalityWithoutPopulation_IsListed_AndOnlyPerMunicipalityRatesAreGiven()
    {
        var figures = ActivityFigures.Of([.. MoldeAndOslo(), .. Enumerable.Range(0, 5).Select(_ => Recipient(Aukra, LegalSex.Female, 85))],
            Year2025, [Molde, Oslo, Aukra], Population);

        var rates = figures.Rates.ShouldNotBeNull();
        rates.WithoutPopulation.ShouldBe(["1547 Aukra"]);
        rates.Overall.ShouldBeNull();
        rates.BySex.ShouldBeEmpty();
        rates.ByAgeGroup.ShouldBeEmpty();
        rates.BySizeGroup.ShouldBeEmpty();
        // Oslo's 2 are hidden, and Aukra's 5 with them (the smallest other): Molde's 12 is shown.
        rates.ByMunicipality.ShouldBe([new("0301 Oslo", null, 85_000, true), new("1506 Molde", 3.0, 4_000, false)]);
    }
}
