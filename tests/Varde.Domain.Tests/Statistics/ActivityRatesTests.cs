using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class ActivityRatesTests
{
    private static readonly MunicipalityInScope Molde = new(Guid.NewGuid(), "1506", "Molde");
    private static readonly MunicipalityInScope Oslo = new(Guid.NewGuid(), "0301", "Oslo");
    private static readonly MunicipalityInScope Aukra = new(Guid.NewGuid(), "1547", "Aukra");
    private static readonly DateOnly YearEnd = new(2025, 12, 31);

    private static PatientFacts Recipient(MunicipalityInScope m, LegalSex sex, int age) =>
        new(Guid.NewGuid(), sex, YearEnd.AddYears(-age), m.Id, DiagnosisGroup.Copd, new(2025, 1, 1), []);

    private static PopulationCount Count(MunicipalityInScope m, LegalSex sex, string ageGroup, int count) => new(m.Number, 2025, sex, ageGroup, count);

    [Fact]
    public void Rates_ArePer1000OfTheGroupsInhabitants_HiddenWhereTheirCountIs_AndMunicipalitiesWithoutPopulationLeftOut()
    {
        List<PatientFacts> recipients =
        [
            .. Enumerable.Range(0, 6).Select(_ => Recipient(Molde, LegalSex.Female, 85)),
            .. Enumerable.Range(0, 6).Select(_ => Recipient(Molde, LegalSex.Male, 85)),
            .. Enumerable.Range(0, 2).Select(_ => Recipient(Oslo, LegalSex.Male, 70)),
            Recipient(Aukra, LegalSex.Female, 85), // Aukra has no population imported: left out
        ];
        var population = new PopulationYear(2025,
        [
            Count(Molde, LegalSex.Female, "80-89", 300), Count(Molde, LegalSex.Female, "18-49", 1_700),
            Count(Molde, LegalSex.Male, "80-89", 200), Count(Molde, LegalSex.Male, "18-49", 1_800),
            Count(Oslo, LegalSex.Male, "67-79", 40_000), Count(Oslo, LegalSex.Female, "67-79", 45_000),
        ]);

        var rates = ActivityRates.Of(recipients, [Molde, Oslo, Aukra], population, YearEnd);

        rates.Year.ShouldBe(2025);
        rates.Inhabitants.ShouldBe(89_000);
        rates.WithoutPopulation.ShouldBe(["1547 Aukra"]);
        rates.Overall.ShouldBe(new Rate("All", 0.2, 89_000, false)); // 14 of 89,000
        rates.BySex.ShouldBe([new("Female", 0.1, 47_000, false), new("Male", 0.2, 42_000, false)]); // 6 and 8
        rates.ByAgeGroup.Single(r => r.Key == "67-79").ShouldBe(new Rate("67-79", null, 85_000, true)); // 2: hidden
        rates.ByAgeGroup.Single(r => r.Key == "80-89").ShouldBe(new Rate("80-89", null, 500, true)); // 12, but it would tell the 2
        rates.ByAgeGroup.Single(r => r.Key == "18-49").ShouldBe(new Rate("18-49", 0.0, 3_500, false));
        rates.ByMunicipality.ShouldBe([new("0301 Oslo", null, 85_000, true), new("1506 Molde", null, 4_000, true)]);
        rates.RecipientsBySizeGroup.Single(c => c.Key == "G2").Suppressed.ShouldBeTrue(); // Molde (4,000): G2, with 12
        rates.RecipientsBySizeGroup.Single(c => c.Key == "G8").Suppressed.ShouldBeTrue(); // Oslo, 2
        rates.BySizeGroup.Single(r => r.Key == "G1").ShouldBe(new Rate("G1", null, 0, false));
    }
}
