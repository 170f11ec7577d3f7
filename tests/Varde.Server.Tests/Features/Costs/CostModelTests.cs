using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Features.Costs;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Costs;

/// <summary>
/// Issue 21, the cost model over HTTP, against figures worked out by hand: a service for Alfa and Beta with five
/// patients in Alfa and one in Beta followed since 10 March 2025 (their twelve months before and after are over) and one
/// more in Beta since 15 October 2026; the clock is 24 November 2026.
/// </summary>
public abstract class CostModelTests(VardeApp app)
{
    private sealed record World(Guid Service, Guid Alfa, Guid Beta, HttpClient Leader, HttpClient Coordinator, IReadOnlyList<Patient> Patients);

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    // Each test its own municipalities, service and staff.
    private async Task<World> WorldAsync(string alfaNumber, string betaNumber, string tag, int individualBase)
    {
        var alfa = Organisation.Municipality(Guid.NewGuid(), $"Alfa {tag}", alfaNumber, null).Value;
        var beta = Organisation.Municipality(Guid.NewGuid(), $"Beta {tag}", betaNumber, null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), $"Oppfølging {tag}", [alfa, beta], null).Value;
        var patients = new List<Patient>();
        await using (var db = app.Database.NewContext())
        {
            db.Organisations.AddRange(alfa, beta, service);
            var individual = individualBase;
            for (var i = 0; i < 7; i++)
            {
                string? number = null;
                for (; number is null; individual++)
                    number = NorwegianIdentityNumber.WithControlDigits($"0103{44 + i:00}{individual:000}");
                var patient = Patient.Enrol(Guid.NewGuid(), number, "Kostnad Pasient", service.Id, i < 5 ? alfa.Id : beta.Id, null, null, DiagnosisGroup.Copd,
                    i < 6 ? At(2025, 3, 10) : At(2026, 10, 15)).Value;
                db.Patients.Add(patient);
                patients.Add(patient);
            }

            await db.SaveChangesAsync();
        }

        return new World(service.Id, alfa.Id, beta.Id, await AdminKit.StaffClientAsync(app, $"leder.{tag}", Role.Leader, service.Id),
            await AdminKit.StaffClientAsync(app, $"koordinator.{tag}", Role.Coordinator, service.Id), patients);
    }

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys];
    }

    private static SetServiceCosts.Request Costs(decimal hours, decimal equipment, decimal other = 0) => new(hours, 500m, equipment, 3_000m, other, null);

    [Fact]
    public async Task UnitCosts_AreSetByAnAdministrator_AsDefaultsAndAMunicipalitysOwn_AndWrongOnesAreNamed()
    {
        var world = await WorldAsync("1103", "1106", "priser", 100);
        var admin = await AdminKit.AdminClientAsync(app);
        object Set(Guid? municipality, params (string Kind, decimal Kroner)[] costs) =>
            new { municipalityId = municipality, priceYear = 2026, source = "Testpriser 2026", costs = costs.ToDictionary(c => c.Kind, c => c.Kroner) };

        var defaults = await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(null, ("hospital-admissions", 50_000m), ("bed-days", 10_000m)));
        var own = await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(world.Beta, ("hospital-admissions", 60_000m)));
        var again = await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(null, ("hospital-admissions", 50_000m), ("bed-days", 10_000m)));
        var wrong = await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(null, ("flights", 1m), ("bed-days", -5m)));
        var noSource = await admin.PutAsJsonAsync("/api/admin/unit-costs", new { priceYear = 2026, costs = new Dictionary<string, decimal> { ["bed-days"] = 1m } });
        var unknownMunicipality = await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(Guid.NewGuid(), ("bed-days", 1m)));
        var byLeader = await world.Leader.PutAsJsonAsync("/api/admin/unit-costs", Set(null, ("bed-days", 1m)));
        var sets = await OkAsync<IReadOnlyList<GetUnitCosts.UnitCostSet>>(await admin.GetAsync("/api/admin/unit-costs"));
        var removed = await OkAsync<IReadOnlyList<GetUnitCosts.UnitCostSet>>(await admin.PutAsJsonAsync("/api/admin/unit-costs", Set(world.Beta)));

        defaults.StatusCode.ShouldBe(HttpStatusCode.OK);
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK); // a set replaces the one before
        (await FieldsAsync(wrong)).ShouldBe(["costs.flights", "costs.bed-days"], ignoreOrder: true);
        (await FieldsAsync(noSource)).ShouldBe(["source"]);
        (await FieldsAsync(unknownMunicipality)).ShouldBe(["municipalityId"]);
        byLeader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // (Other tests of this class set the same defaults, and prices of their own municipalities.)
        sets.Where(s => s.MunicipalityId is null || s.MunicipalityId == world.Beta)
            .Select(s => (s.MunicipalityId, s.Municipality, s.PriceYear, string.Join(",", s.Costs.Select(c => $"{c.Key}={c.Value:0}"))))
            .ShouldBe([(null, null, 2026, "hospital-admissions=50000,bed-days=10000"), (world.Beta, "Beta priser", 2026, "hospital-admissions=60000")]);
        removed.Select(s => s.MunicipalityId).ShouldContain((Guid?)null);
        removed.Select(s => s.MunicipalityId).ShouldNotContain(world.Beta);
        await using var db = app.Database.NewContext();
        (await db.AdminAudit.Where(e => e.EntityKind == "unit-costs" && e.EntityId == world.Beta).Select(e => e.Action).ToListAsync()).ShouldBe(["created", "edited"], ignoreOrder: true);
    }

    [Fact]
    public async Task AServicesCosts_AreEnteredByItsLeaderOrCoordinator_MonthByMonth_AndOnlyThem()
    {
        var world = await WorldAsync("1108", "1120", "kostnader", 200);

        var september = await OkAsync<GetServiceCosts.MonthCosts>(await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-09", Costs(100, 5_000, 2_000)));
        var replaced = await OkAsync<GetServiceCosts.MonthCosts>(await world.Coordinator.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-09", Costs(100, 5_000, 2_000.5m)));
        var wrong = await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-13", Costs(100, 5_000));
        var negative = await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-10", Costs(-1, 5_000.001m));
        var otherService = await (await app.ClientForAsync("leader")).PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-10", Costs(1, 1));
        var nurse = await (await app.ClientForAsync("nurse.north")).GetAsync($"/api/services/{TestWorld.North}/costs?from=2026-01&to=2026-12");
        var admin = await (await AdminKit.AdminClientAsync(app)).GetAsync($"/api/services/{TestWorld.North}/costs?from=2026-01&to=2026-12");
        var listed = await OkAsync<GetServiceCosts.ServiceCosts>(await world.Coordinator.GetAsync($"/api/services/{world.Service}/costs?from=2026-08&to=2026-10"));

        september.Total.ShouldBe(60_000m); // 100 h × 500 + 5,000 + 3,000 + 2,000
        replaced.Total.ShouldBe(60_000.5m);
        (await FieldsAsync(wrong)).ShouldBe(["month"]);
        (await FieldsAsync(negative)).ShouldBe(["staffHours", "equipment"], ignoreOrder: true);
        otherService.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        nurse.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        admin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        listed.Months.Select(m => (m.Month, m.Total)).ShouldBe([("2026-09", 60_000.5m)]);
        listed.MonthsWithoutCosts.ShouldBe(["2026-08", "2026-10"]);
    }

    [Fact]
    public async Task TheMonthlyStatement_SharesTheCostsByTheAgreedKey_ToTheOre()
    {
        var world = await WorldAsync("1121", "1122", "fordeling", 300);
        var url = $"/api/services/{world.Service}/cost-statement?month=2026-10";
        var sharing = $"/api/services/{world.Service}/cost-sharing";

        var noKey = await world.Leader.GetAsync(url);
        (await OkAsync<CostSharingView>(await world.Leader.PutAsJsonAsync(sharing, new { key = "fixed-shares",
            shares = new[] { new { municipalityId = world.Alfa, percent = 70m }, new { municipalityId = world.Beta, percent = 30m } } }))).Shares.Count.ShouldBe(2);
        var noCosts = await world.Leader.GetAsync(url);
        await OkAsync<GetServiceCosts.MonthCosts>(await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-10", Costs(120, 5_000)));
        var fixedShares = await OkAsync<GetCostStatement.Statement>(await world.Leader.GetAsync(url));
        async Task ServeAsync(params Guid[] served)
        {
            await using var db = app.Database.NewContext();
            var service = await db.Organisations.SingleAsync(o => o.Id == world.Service);
            var municipalities = await db.Organisations.Where(o => served.Contains(o.Id)).ToListAsync();
            service.ChangeServedMunicipalities(municipalities).ShouldBeEmpty();
            await db.SaveChangesAsync();
        }

        await ServeAsync(world.Alfa); // Beta leaves the service: the shares agreed for both no longer fit
        var sharesOutdated = await world.Leader.GetAsync(url);
        await ServeAsync(world.Alfa, world.Beta);
        var badShares = await world.Leader.PutAsJsonAsync(sharing, new { key = "fixed-shares", shares = new[] { new { municipalityId = world.Alfa, percent = 70m } } });
        await OkAsync<CostSharingView>(await world.Coordinator.PutAsJsonAsync(sharing, new { key = "per-patient-day" }));
        var byPatientDays = await OkAsync<GetCostStatement.Statement>(await world.Leader.GetAsync(url));
        var csv = await world.Leader.GetAsync($"/api/services/{world.Service}/cost-statement.csv?month=2026-10");
        await OkAsync<CostSharingView>(await world.Leader.PutAsJsonAsync(sharing, new { key = "per-inhabitant", note = "Avtale 2026" }));
        var noPopulation = await world.Leader.GetAsync(url);
        await using (var db = app.Database.NewContext())
        {
            foreach (var (number, count) in new[] { ("1121", 3_000), ("1122", 1_000) })
                db.PopulationCounts.Add(new PopulationCount(number, 2026, LegalSex.Female, "67-79", count));
            db.PopulationImports.Add(new PopulationImport(2026, "Test", At(2026, 2, 1), "admin", 2, 4_000));
            await db.SaveChangesAsync();
        }

        var byInhabitants = await OkAsync<GetCostStatement.Statement>(await world.Leader.GetAsync(url));
        var otherLeader = await (await app.ClientForAsync("leader")).GetAsync(url);

        (await FieldsAsync(noKey)).ShouldBe(["key"]);
        (await FieldsAsync(noCosts)).ShouldBe(["month"]);
        fixedShares.Total.ShouldBe(68_000m); // 120 h × 500 + 5,000 + 3,000
        fixedShares.Lines.Select(l => (l.Municipality, l.Amount)).ShouldBe([("Alfa fordeling", 47_600m), ("Beta fordeling", 20_400m)]);
        (await FieldsAsync(badShares)).ShouldBe(["shares"]);
        (await FieldsAsync(sharesOutdated)).ShouldBe(["key"]);
        // October: five patients in Alfa all 31 days; one in Beta all month and one from the 15th (17 days): 155 and 48.
        byPatientDays.Lines.Select(l => (l.Basis, l.Percent, l.Amount)).ShouldBe([(155m, 76.35m, 51_921.18m), (48m, 23.65m, 16_078.82m)]);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        text.ShouldStartWith("\uFEFFtjeneste;maaned;nokkel;kommune;grunnlag;andel_prosent;belop\r\n");
        text.ShouldContain("Oppfølging fordeling;2026-10;PerPatientDay;Alfa fordeling;155;76,35;51921,18\r\n");
        text.ShouldContain(";sum;;100,00;68000,00\r\n"); // 76,35 + 23,65
        (await FieldsAsync(noPopulation)).ShouldBe(["month"]);
        byInhabitants.PopulationYear.ShouldBe(2026);
        byInhabitants.Lines.Select(l => (l.Basis, l.Amount)).ShouldBe([(3_000m, 51_000m), (1_000m, 17_000m)]);
        otherLeader.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NetCostAndBenefit_PricesTheChangeBeforeAndAfter_LessTheCostPerPatientYear_AsWorkedOutByHand()
    {
        var world = await WorldAsync("1124", "1127", "gevinst", 400);
        var admin = await AdminKit.AdminClientAsync(app);
        await OkAsync<IReadOnlyList<GetUnitCosts.UnitCostSet>>(await admin.PutAsJsonAsync("/api/admin/unit-costs",
            new { priceYear = 2026, source = "Testpriser", costs = new Dictionary<string, decimal> { ["hospital-admissions"] = 50_000m, ["bed-days"] = 10_000m } }));
        await OkAsync<IReadOnlyList<GetUnitCosts.UnitCostSet>>(await admin.PutAsJsonAsync("/api/admin/unit-costs",
            new { municipalityId = world.Beta, priceYear = 2026, source = "Betas regnskap", costs = new Dictionary<string, decimal> { ["hospital-admissions"] = 60_000m } }));
        // The extract: admissions in June and December 2024 for all six started in March 2025; bed days (Alfa's five) 5 in June
        // and December 2024 (and September for the fifth), 4 in August 2025; GP visits every month of 2024 (not priced).
        var extract = new StringBuilder("fodselsnummer;maaned;innleggelser;liggedogn;fastlegebesok\n");
        for (var i = 0; i < 6; i++)
        {
            for (var m = new DateOnly(2024, 3, 1); m < new DateOnly(2026, 3, 1); m = m.AddMonths(1))
            {
                var admissions = m is { Year: 2024, Month: 6 or 12 } ? 1 : 0;
                var bedDays = i == 5 ? "" : (m is { Year: 2024, Month: 6 or 12 } ? 5 : m is { Year: 2024, Month: 9 } && i == 4 ? 5 : m is { Year: 2025, Month: 8 } ? 4 : 0)
                    .ToString(CultureInfo.InvariantCulture);
                extract.Append(CultureInfo.InvariantCulture, $"{world.Patients[i].IdentityNumber};{m:yyyy-MM};{admissions};{bedDays};{(m.Year == 2024 ? 1 : 0)}\n");
            }
        }

        (await OkAsync<Varde.Server.Features.Statistics.ImportServiceUse.Imported>(await world.Coordinator.PostAsync(
            $"/api/services/{world.Service}/service-use?source=Testuttrekk", new StringContent(extract.ToString(), Encoding.UTF8, "text/csv")))).Lines.ShouldBe(144);
        var url = $"/api/statistics/cost-benefit?service={world.Service}&months=12&from=2026-09&to=2026-10";
        await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-09", Costs(100, 5_000, 2_000));
        var withoutOctober = await OkAsync<GetCostBenefit.CostBenefitReport>(await world.Leader.GetAsync(url));
        await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/costs/2026-10", Costs(120, 5_000));

        var report = await OkAsync<GetCostBenefit.CostBenefitReport>(await world.Leader.GetAsync(url));
        var noService = await world.Leader.GetAsync("/api/statistics/cost-benefit?months=12");
        var byNurse = await (await app.ClientForAsync("nurse.north")).GetAsync(url);
        var byOtherLeader = await (await app.ClientForAsync("leader")).GetAsync(url); // North's leader: another service's costs
        var byAdministrator = await admin.GetAsync(url);

        withoutOctober.Figures.Costs.MonthsWithoutCosts.ShouldBe([new DateOnly(2026, 10, 1)]);
        withoutOctober.Figures.NetPerPatientYear.ShouldBeNull();
        var f = report.Figures;
        f.Eligible.ShouldBe(new Shown(6, false));
        // Admissions: 2 × 50,000 for Alfa's five, 2 × 60,000 for Beta's one; bed days: 60,000 for four, 110,000 for one.
        f.ByKind.Single(k => k.Kind == ServiceUseKind.HospitalAdmissions).ShouldBe(new PricedChange(ServiceUseKind.HospitalAdmissions, 6, false, 103_333, 94_763, 111_903));
        f.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new PricedChange(ServiceUseKind.BedDays, 5, false, 70_000, 42_240, 97_760));
        f.NotPriced.ShouldBe([ServiceUseKind.GpVisits]);
        f.BenefitPerPatientYear.Value.ShouldBe(173_333);
        // Costs 60,000 + 68,000; patient-days 6 × 61 + 17 = 383: 128,000 × 365.25 / 383 = 122,068 per patient-year.
        f.Costs.Total.ShouldBe(128_000m);
        f.Costs.CostPerPatientYear.Value.ShouldBe(122_068);
        (f.NetPerPatientYear, f.NetLow, f.NetHigh).ShouldBe((51_265, 14_935, 87_595));
        report.PriceYears.ShouldBe([2026]);
        report.Caveat.ShouldContain("not a controlled comparison");
        (await FieldsAsync(noService)).ShouldBe(["service"]);
        byNurse.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byOtherLeader.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await OkAsync<GetCostBenefit.CostBenefitReport>(byAdministrator)).Figures.Costs.Total.ShouldBe(128_000m);
    }
}

public sealed class CostModelOnSqliteTests(SqliteApp app) : CostModelTests(app), IClassFixture<SqliteApp>;

public sealed class CostModelOnPostgresTests(PostgresApp app) : CostModelTests(app), IClassFixture<PostgresApp>;
