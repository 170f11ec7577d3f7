using Varde.Domain.Patients;
using Varde.Domain.Statistics;
using Varde.Domain.Statistics.Costs;

namespace Varde.Domain.Tests.Statistics.Costs;

public sealed class CostModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid Alfa = Guid.NewGuid();
    private static readonly Guid Beta = Guid.NewGuid();

    private static UnitCost Price(Guid? municipality, ServiceUseKind kind, decimal kroner) =>
        UnitCost.Create(Guid.NewGuid(), municipality, kind, kroner, 2026, "Testpriser", Now, "admin").Value;

    private static ServiceCostMonth Month(int year, int month, decimal hours, decimal rest) =>
        ServiceCostMonth.Create(Guid.Empty, new(year, month, 1), hours, 500m, rest, 0, 0, null, Now, "leder").Value;

    // Enrolled without a pathway on `started`: followed from that day.
    private static PatientFacts Patient(Guid municipality, DateOnly started) =>
        new(Guid.NewGuid(), LegalSex.Female, new(1944, 1, 1), municipality, DiagnosisGroup.Copd, started, []);

    [Theory]
    [InlineData("68000", "155,48", "51921.18,16078.82")] // 0.226 and 0.773 øre left: the one øre goes to the larger
    [InlineData("100", "1,1,1", "33.34,33.33,33.33")] // a tie: the first listed gets it
    [InlineData("0.05", "1,1,1,1,1,1,1,1,1,1", "0.01,0.01,0.01,0.01,0.01,0,0,0,0,0")]
    [InlineData("1000", "70,30,0", "700,300,0")]
    [InlineData("0.16", "1,1,4", "0.03,0.03,0.10")] // three equal remainders (2/3 øre) of parts of different sizes: list order
    [InlineData("100", "33.33,33.33,33.34", "33.33,33.33,33.34")]
    public void Money_IsSplitIntoOreThatAddUpToTheTotal_TheLargestRemaindersTakingWhatIsLeft(string total, string weights, string expected)
    {
        var parts = Money.Split(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture),
            [.. weights.Split(',').Select(w => decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture))]);

        parts.ShouldBe([.. expected.Split(',').Select(e => decimal.Parse(e, System.Globalization.CultureInfo.InvariantCulture))]);
        parts.Sum().ShouldBe(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AUnitCost_IsAPositiveAmountInOre_WithItsYearAndSource_AndAMunicipalitysOwnPriceComesBeforeTheDefault()
    {
        UnitCost.Create(Guid.NewGuid(), null, ServiceUseKind.BedDays, 0m, 2026, "x", Now, "a").Errors.Select(e => e.Field).ShouldBe(["costs.BedDays"]);
        UnitCost.Create(Guid.NewGuid(), null, ServiceUseKind.BedDays, 10.005m, 1999, " ", Now, "a").Errors.Select(e => e.Field)
            .ShouldBe(["costs.BedDays", "priceYear", "source"]);
        var prices = new UnitPrices([Price(null, ServiceUseKind.HospitalAdmissions, 50_000m), Price(Beta, ServiceUseKind.HospitalAdmissions, 60_000m)]);

        prices.For(Alfa, ServiceUseKind.HospitalAdmissions).ShouldBe(50_000m);
        prices.For(Beta, ServiceUseKind.HospitalAdmissions).ShouldBe(60_000m);
        prices.For(Beta, ServiceUseKind.GpVisits).ShouldBeNull();
    }

    [Fact]
    public void AMonthsCosts_AreStaffHoursAtTheirCostAndTheRest_AndBadAmountsAreNamed()
    {
        ServiceCostMonth.Create(Guid.Empty, new(2026, 10, 17), 120.5m, 512.35m, 5_000m, 3_000m, 0.5m, " ", Now, "leder").Value
            .ShouldSatisfyAllConditions(m => m.Month.ShouldBe(new DateOnly(2026, 10, 1)), m => m.Total.ShouldBe(61_738.18m + 8_000.5m), m => m.Note.ShouldBeNull());
        ServiceCostMonth.Create(Guid.Empty, new(2026, 10, 1), -1m, 500m, 1.001m, 0m, 100_000_001m, null, Now, "leder").Errors.Select(e => e.Field)
            .ShouldBe(["staffHours", "equipment", "other"]);
    }

    [Fact]
    public void FixedShares_NameEveryMunicipalityServedOnce_AndAddUpTo100_AndTheOtherKeysTakeNone()
    {
        IReadOnlyCollection<Guid> served = [Alfa, Beta];
        Validated<CostSharingAgreement> Agree(CostSharingKey key, params CostShare[] shares) =>
            CostSharingAgreement.Create(Guid.Empty, key, shares, served, null, Now, "leder");

        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 70m), new CostShare(Beta, 30m)).IsValid.ShouldBeTrue();
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 100m), new CostShare(Beta, 0m)).IsValid.ShouldBeTrue();
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 70m), new CostShare(Beta, 29.99m)).Errors.Single().Message.ShouldContain("add up to 100");
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 100m)).Errors.Single().Message.ShouldContain("every municipality");
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 50m), new CostShare(Beta, 25m), new CostShare(Guid.NewGuid(), 25m)).Errors.Single().Message.ShouldContain("serves");
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 50m), new CostShare(Alfa, 50m), new CostShare(Beta, 0m)).Errors.Select(e => e.Message).ShouldContain(m => m.Contains("one share"));
        Agree(CostSharingKey.FixedShares, new CostShare(Alfa, 100.5m), new CostShare(Beta, -0.5m)).Errors.Single().Message.ShouldContain("0 to 100");
        Agree(CostSharingKey.PerInhabitant, new CostShare(Alfa, 100m)).Errors.Single().Field.ShouldBe("shares");
        Agree(CostSharingKey.PerPatientDay).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void AStatement_SharesTheMonthByTheBases_AndIsRefusedWhenThereIsNothingToShareBy()
    {
        var statement = CostStatement.Of(new(2026, 10, 9), CostSharingKey.PerPatientDay, 68_000m, [new(Alfa, "Alfa", 155), new(Beta, "Beta", 48)]).Value;

        statement.Month.ShouldBe(new DateOnly(2026, 10, 1));
        statement.Lines.Select(l => (l.Municipality, l.Percent, l.Amount)).ShouldBe([("Alfa", 76.35m, 51_921.18m), ("Beta", 23.65m, 16_078.82m)]);
        CostStatement.Of(new(2026, 10, 1), CostSharingKey.PerPatientDay, 68_000m, [new(Alfa, "Alfa", 0), new(Beta, "Beta", 0)]).Errors.Single().Message
            .ShouldContain("no patients that month");
    }

    [Fact]
    public void PatientDaysOfAMonth_AreCountedByWhereThePatientsLive_FirstAndLastDayIncluded()
    {
        var days = CostStatement.PatientDaysByMunicipality(
            [Patient(Alfa, new(2025, 3, 10)), Patient(Alfa, new(2026, 10, 31)), Patient(Beta, new(2026, 10, 15)), Patient(Beta, new(2026, 11, 1))], new(2026, 10, 1));

        days[Alfa].ShouldBe(31 + 1);
        days[Beta].ShouldBe(17);
    }

    [Fact]
    public void NetCostAndBenefit_PricesEachPatientsChangeByTheirMunicipality_LessTheCostPerPatientYear()
    {
        var patients = new List<(PatientFacts, IReadOnlyList<MonthOfUse>)>();
        IEnumerable<MonthOfUse> Use(PatientFacts p, ServiceUseKind kind, Func<DateOnly, decimal> amount)
        {
            for (var m = new DateOnly(2024, 3, 1); m < new DateOnly(2026, 3, 1); m = m.AddMonths(1))
                yield return new MonthOfUse(m, kind, amount(m));
        }

        for (var i = 0; i < 6; i++)
        {
            // Started March 2025. Admissions: one in June and one in December 2024, none after. Bed days (Alfa only): 5 + 5 (+5 for the fifth) before, 4 after.
            var p = Patient(i < 5 ? Alfa : Beta, new(2025, 3, 10));
            var use = Use(p, ServiceUseKind.HospitalAdmissions, m => m is { Year: 2024, Month: 6 or 12 } ? 1 : 0).ToList();
            if (i < 5)
                use.AddRange(Use(p, ServiceUseKind.BedDays, m => m is { Year: 2024, Month: 6 or 12 } ? 5 : m is { Year: 2024, Month: 9 } && i == 4 ? 5 : m is { Year: 2025, Month: 8 } ? 4 : 0));
            use.AddRange(Use(p, ServiceUseKind.GpVisits, m => m.Year == 2024 ? 1 : 0));
            patients.Add((p, use));
        }

        var windows = BeforeAndAfter.Of(patients, 12, new(2026, 11, 24));
        var prices = new UnitPrices([Price(null, ServiceUseKind.HospitalAdmissions, 50_000m), Price(Beta, ServiceUseKind.HospitalAdmissions, 60_000m),
            Price(null, ServiceUseKind.BedDays, 10_000m)]);
        var facts = patients.Select(p => p.Item1).ToList();

        var figures = CostBenefitFigures.Of(windows, prices, [Month(2026, 9, 100, 10_000), Month(2026, 10, 120, 8_000)], new(2026, 9, 1), new(2026, 10, 1), facts,
            new DateOnly(2026, 11, 24));

        // Admissions: 2 × 50,000 for five, 2 × 60,000 for one: mean 103,333.33, sd 8,164.97, t(5) 2.571 → ± 8,570.
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.HospitalAdmissions).ShouldBe(new PricedChange(ServiceUseKind.HospitalAdmissions, 6, false, 103_333, 94_763, 111_903));
        // Bed days: 60,000 for four, 110,000 for one: mean 70,000, sd 22,360.68, t(4) 2.776 → ± 27,760.
        figures.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new PricedChange(ServiceUseKind.BedDays, 5, false, 70_000, 42_240, 97_760));
        figures.NotPriced.ShouldBe([ServiceUseKind.GpVisits]);
        figures.BenefitPerPatientYear.Value.ShouldBe(173_333);
        (figures.BenefitLow, figures.BenefitHigh).ShouldBe((137_003, 209_663));
        // Costs: 60,000 + 68,000 over September and October 2026; six patients all 61 days = 366 patient-days.
        figures.Costs.Total.ShouldBe(128_000m);
        figures.Costs.PatientYears.Value.ShouldBe(1.0);
        figures.Costs.CostPerPatientYear.Value.ShouldBe(127_738); // 128,000 × 365.25 / 366
        (figures.NetPerPatientYear, figures.NetLow, figures.NetHigh).ShouldBe((45_595, 9_265, 81_925));
    }

    [Fact]
    public void AMonthWithoutCosts_GivesNoCostPerPatientYear_AndFewPatientsHideIt()
    {
        var facts = Enumerable.Range(0, 6).Select(_ => Patient(Alfa, new(2025, 3, 10))).ToList();
        var windows = BeforeAndAfter.Of(facts.Select(f => (f, (IReadOnlyList<MonthOfUse>)[])), 12, new(2026, 11, 24));
        var few = facts.Take(3).ToList();

        var missing = CostBenefitFigures.Of(windows, new UnitPrices([]), [Month(2026, 9, 100, 0)], new(2026, 9, 1), new(2026, 10, 1), facts, new(2026, 11, 24));
        var hidden = CostBenefitFigures.Of(BeforeAndAfter.Of(few.Select(f => (f, (IReadOnlyList<MonthOfUse>)[])), 12, new(2026, 11, 24)), new UnitPrices([]),
            [Month(2026, 9, 100, 0), Month(2026, 10, 100, 0)], new(2026, 9, 1), new(2026, 10, 1), few, new(2026, 11, 24));

        missing.Costs.Total.ShouldBeNull();
        missing.Costs.MonthsWithoutCosts.ShouldBe([new DateOnly(2026, 10, 1)]);
        missing.Costs.PatientYears.ShouldBe(new ShownNumber(1.0, false)); // six patients × 61 days
        missing.Costs.CostPerPatientYear.ShouldBe(new ShownNumber(null, false));
        missing.NetPerPatientYear.ShouldBeNull();
        hidden.Costs.Total.ShouldBe(100_000m);
        hidden.Costs.CostPerPatientYear.ShouldBe(new ShownNumber(null, true)); // three patients
        hidden.Eligible.ShouldBe(new Shown(null, true));
    }

    [Fact]
    public void AMonthStillGoingOn_CountsItsDaysOnlyToToday()
    {
        var facts = Enumerable.Range(0, 5).Select(_ => Patient(Alfa, new(2025, 3, 10))).ToList();
        var windows = BeforeAndAfter.Of(facts.Select(f => (f, (IReadOnlyList<MonthOfUse>)[])), 12, new(2026, 11, 24));

        var figures = CostBenefitFigures.Of(windows, new UnitPrices([]), [Month(2026, 11, 100, 0)], new(2026, 11, 1), new(2026, 11, 1), facts, new(2026, 11, 24));

        figures.Costs.PatientYears.Value.ShouldBe(0.3); // 5 × 24 days = 120 ÷ 365.25
        figures.Costs.CostPerPatientYear.Value.ShouldBe(152_188); // 50,000 ÷ (120 ÷ 365.25)
    }

    [Fact]
    public void AServicePricedForAllButOneToFourOfItsPatients_IsHidden_AndLeftOutOfTheTotal()
    {
        var patients = new List<(PatientFacts, IReadOnlyList<MonthOfUse>)>();
        for (var i = 0; i < 7; i++)
        {
            var p = Patient(i < 6 ? Alfa : Beta, new(2025, 3, 10));
            var use = new List<MonthOfUse>();
            for (var m = new DateOnly(2024, 3, 1); m < new DateOnly(2026, 3, 1); m = m.AddMonths(1))
                use.Add(new MonthOfUse(m, ServiceUseKind.HospitalAdmissions, m is { Year: 2024, Month: 6 } ? 1 : 0));
            patients.Add((p, use));
        }

        // Only Alfa has a price, and there is no default: Beta's one patient would be the before-and-after figure's 7 less 6.
        var figures = CostBenefitFigures.Of(BeforeAndAfter.Of(patients, 12, new(2026, 11, 24)), new UnitPrices([Price(Alfa, ServiceUseKind.HospitalAdmissions, 50_000m)]),
            [], new(2026, 9, 1), new(2026, 10, 1), [.. patients.Select(p => p.Item1)], new(2026, 11, 24));

        figures.ByKind.Single(k => k.Kind == ServiceUseKind.HospitalAdmissions).ShouldBe(new PricedChange(ServiceUseKind.HospitalAdmissions, null, true, null, null, null));
        figures.BenefitPerPatientYear.Value.ShouldBeNull();
        figures.NotPriced.ShouldBeEmpty();
    }
}
