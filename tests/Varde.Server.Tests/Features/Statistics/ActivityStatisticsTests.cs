using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;
using Varde.Server.Features.Statistics;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Statistics;

/// <summary>
/// Issue 21, activity: the figures of a small fixed population for 2025, against the counts worked out by hand in
/// <see cref="PopulationAsync"/>, with the period's edges (started and ended within it, ended on its last day, ended
/// before it and re-referred, referred after it, a trial that starts at 00:30 Norwegian time the day after) and the
/// small-number suppression.
/// </summary>
public abstract class ActivityStatisticsTests(VardeApp app)
{
    private static readonly Caller Nurse = new("statistics-nurse", Role.Nurse, Guid.Empty);
    private static readonly Caller Coordinator = new("statistics-coordinator", Role.Coordinator, Guid.Empty);
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);

    private static DateTimeOffset At(int year, int month, int day, int hour = 12, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private sealed record Population(Guid Service, Guid Municipality, string MunicipalityLabel);

    // Each test its own municipality and service, so other tests' patients never count.
    private async Task<Population> PopulationAsync(string municipalityNumber, string municipalityName, int numbers)
    {
        var municipality = Organisation.Municipality(Guid.NewGuid(), municipalityName, municipalityNumber, null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), $"Oppfølging {municipalityName}", [municipality], null).Value;
        await using var db = app.Database.NewContext();
        db.Organisations.AddRange(municipality, service);
        var individual = numbers;

        Patient Enrol(LegalSex sex, DateOnly born, DateTimeOffset enrolled, DiagnosisGroup diagnoses = DiagnosisGroup.Copd)
        {
            string? number = null;
            for (individual += (individual % 2 == 1) == (sex == LegalSex.Male) ? 2 : 1; number is null; individual += 2)
                number = NorwegianIdentityNumber.WithControlDigits($"{born:ddMMyy}{individual:000}");
            var patient = Patient.Enrol(Guid.NewGuid(), number, "Statistikk Pasient", service.Id, municipality.Id, null, null, diagnoses, enrolled).Value;
            patient.LegalSex.ShouldBe(sex);
            db.Patients.Add(patient);
            return patient;
        }

        // A pathway through the steps given (each null stops it there), ended when `end` is given.
        void Pathway(Patient patient, DateTimeOffset referred, DateTimeOffset? decided = null, bool declined = false, DateTimeOffset? trial = null,
            DateTimeOffset? active = null, (DateTimeOffset At, EndReason Reason)? end = null)
        {
            var pathway = Varde.Domain.Pathways.Pathway.Refer(Guid.NewGuid(), patient.Id, "Fastlege", Nurse, referred).Value;
            pathway.StartAssessment(Nurse, referred.AddHours(1)).ShouldBeEmpty();
            if (decided is { } d && declined)
                pathway.Decline(AllMet, "Ikke aktuelt", d, Coordinator, d).ShouldBeEmpty();
            else if (decided is { } a)
            {
                pathway.Accept(AllMet, DateOnly.FromDateTime(a.UtcDateTime).AddDays(1), a, Coordinator, a).ShouldBeEmpty();
                if (trial is { } t)
                {
                    pathway.RecordStartUp(t, t, [new("Nettbrett", "TAB-1")], Nurse, t).ShouldBeEmpty();
                    pathway.StartTrial(14, Nurse, t).ShouldBeEmpty();
                    if (active is { } on)
                        pathway.Activate(true, DateOnly.FromDateTime(on.UtcDateTime).AddDays(30), Nurse, on).ShouldBeEmpty();
                }
            }

            if (end is { } e)
                pathway.End(e.Reason, null, Nurse, e.At).ShouldBeEmpty();
            db.Pathways.Add(pathway);
        }

        // P1: woman, 75 at the end of 2025, followed since November 2024 and still active.
        var p1 = Enrol(LegalSex.Female, new(1950, 3, 10), At(2024, 11, 1));
        Pathway(p1, At(2024, 11, 1), At(2024, 11, 5), trial: At(2024, 11, 20), active: At(2024, 12, 10));
        // P2: man, 85, COPD and heart failure; started and ended (died) within 2025: 20 Feb – 30 Sep, 223 days.
        var p2 = Enrol(LegalSex.Male, new(1940, 6, 1), At(2025, 2, 1), DiagnosisGroup.Copd | DiagnosisGroup.HeartFailure);
        Pathway(p2, At(2025, 2, 1), At(2025, 2, 10), trial: At(2025, 2, 20), active: At(2025, 3, 15), end: (At(2025, 9, 30), EndReason.Died));
        // P3: woman, 90, referred in December and being assessed at the year's end.
        var p3 = Enrol(LegalSex.Female, new(1935, 1, 15), At(2025, 12, 1));
        Pathway(p3, At(2025, 12, 1));
        // P4: man, 65, followed 2023 – June 2024, re-referred in April 2025 and followed from 15 April (261 days in 2025).
        var p4 = Enrol(LegalSex.Male, new(1960, 5, 5), At(2023, 1, 10));
        Pathway(p4, At(2023, 1, 10), At(2023, 1, 20), trial: At(2023, 2, 1), active: At(2023, 2, 20), end: (At(2024, 6, 30), EndReason.NoLongerBenefits));
        Pathway(p4, At(2025, 4, 1), At(2025, 4, 5), trial: At(2025, 4, 15), active: At(2025, 5, 10));
        // P5: woman, 80, whose trial from 10 June ended on 20 June (too ill): 11 days.
        var p5 = Enrol(LegalSex.Female, new(1945, 8, 8), At(2025, 6, 1));
        Pathway(p5, At(2025, 6, 1), At(2025, 6, 3), trial: At(2025, 6, 10), end: (At(2025, 6, 20), EndReason.TooIll));
        // P6: man, declined in March 2025.
        var p6 = Enrol(LegalSex.Male, new(1952, 2, 2), At(2025, 3, 1));
        Pathway(p6, At(2025, 3, 1), At(2025, 3, 10), declined: true);
        // P7: woman referred in 2026: in no figure of 2025.
        var p7 = Enrol(LegalSex.Female, new(1948, 4, 4), At(2026, 1, 5));
        Pathway(p7, At(2026, 1, 5));
        // P8: man, 70, diabetes, enrolled without a pathway on 15 January 2025: followed from then, 351 days.
        Enrol(LegalSex.Male, new(1955, 9, 9), At(2025, 1, 15), DiagnosisGroup.Diabetes);
        // P9: woman, 87, followed from 20 January 2025 (346 days).
        var p9 = Enrol(LegalSex.Female, new(1938, 12, 12), At(2025, 1, 2));
        Pathway(p9, At(2025, 1, 2), At(2025, 1, 8), trial: At(2025, 1, 20), active: At(2025, 2, 10));
        // P10: woman, 75, decided in 2024, followed from 3 January and moved on 31 December 2025, the last day (363 days).
        var p10 = Enrol(LegalSex.Female, new(1950, 7, 7), At(2024, 12, 20));
        Pathway(p10, At(2024, 12, 20), At(2024, 12, 28), trial: At(2025, 1, 3), active: At(2025, 1, 20), end: (At(2025, 12, 31, 13), EndReason.Moved));
        // P11: man, accepted in December; his trial starts at 23:30 UTC on 31 December, 00:30 on 1 January in Norway.
        var p11 = Enrol(LegalSex.Male, new(1949, 1, 1), At(2025, 12, 15));
        Pathway(p11, At(2025, 12, 15), At(2025, 12, 20), trial: At(2025, 12, 31, 23, 30));
        // Q1–Q6: women, 81, followed all year.
        for (var q = 0; q < 6; q++)
        {
            var patient = Enrol(LegalSex.Female, new(1944, 5, 1 + q), At(2024, 5, 1));
            Pathway(patient, At(2024, 5, 1), At(2024, 5, 3), trial: At(2024, 5, 10), active: At(2024, 6, 1));
        }

        await db.SaveChangesAsync();
        return new(service.Id, municipality.Id, $"{municipalityNumber} {municipalityName}");
    }

    private static int? Cell(IReadOnlyList<Cell> cells, string key) => cells.Single(c => c.Key == key).Value;

    // A staff member of an organisation made for a test, signed in.
    private Task<HttpClient> StaffClientAsync(string userName, Role role, Guid organisation) => AdminKit.StaffClientAsync(app, userName, role, organisation);

    private async Task<GetActivity.ActivityReport> ActivityAsync(string query)
    {
        var leader = await app.ClientForAsync("leader");
        var response = await leader.GetAsync("/api/statistics/activity?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GetActivity.ActivityReport>(Json.Options))!;
    }

    [Fact]
    public async Task AServicesYear_IsCountedAsWorkedOutByHand_WithSmallNumbersHidden()
    {
        var population = await PopulationAsync("1506", "Molde", 300);

        var report = await ActivityAsync($"from=2025-01-01&to=2025-12-31&service={population.Service}");
        var f = report.Figures;

        report.Scope.ShouldBe("service");
        report.SmallestShown.ShouldBe(5);
        // Recipients: P1, P2, P4, P5, P8, P9, P10 and Q1–Q6; P4 once though referred twice.
        f.Recipients.ShouldBe(new Shown(13, false));
        // Started in 2025: P2, P4's second, P5, P8 (enrolment), P9, P10. Ended: P2, P5, P10 (3: hidden, and each reason).
        f.Started.ShouldBe(new Shown(6, false));
        f.Ended.ShouldBe(new Shown(null, true));
        f.EndedByReason.Where(c => c.Key is "Died" or "TooIll" or "Moved").ShouldAllBe(c => c.Suppressed);
        Cell(f.EndedByReason, "NoLongerBenefits").ShouldBe(0);
        // Referred in 2025: P2, P3, P4, P5, P6, P9, P11. Decided: accepted P2, P4, P5, P9, P11; declined P6 (1: hidden).
        f.Referrals.ShouldBe(new Shown(7, false));
        f.Accepted.ShouldBe(new Shown(5, false));
        f.Declined.ShouldBe(new Shown(null, true));
        // At the year's end: active P1, P4, P9, Q1–Q6 (9); ended P2, P5, P10; assessment P3; accepted P11; declined P6; P8 without a pathway.
        f.InPathway.ShouldBe(new Shown(16, false));
        Cell(f.ByStateAtEnd, "Active").ShouldBe(9);
        Cell(f.ByStateAtEnd, "TrialPeriod").ShouldBe(0);
        f.ByStateAtEnd.Where(c => c.Key is "Ended" or "Assessment" or "Accepted" or "Declined" or ActivityFigures.WithoutPathway).ShouldAllBe(c => c.Suppressed);
        // By sex: 10 women, 3 men: the men are hidden, and so the women (else 13 − 10 would tell).
        f.RecipientsBySex.ShouldBe([new("Female", null, true), new("Male", null, true)]);
        // By age at 31 Dec 2025: 50–66 P4; 67–79 P1, P8, P10; 80–89 P2, P5, P9, Q1–Q6.
        // 1 and 3 hidden would sum to 4: 80–89 is hidden with them.
        f.RecipientsByAgeGroup.Select(c => c.Value).ShouldBe([0, 0, null, null, null, 0]);
        // By diagnosis group (a patient in each of theirs): COPD all but P8; heart failure P2; diabetes P8.
        Cell(f.RecipientsByDiagnosisGroup, "Copd").ShouldBe(12);
        f.RecipientsByDiagnosisGroup.Where(c => c.Key is "HeartFailure" or "Diabetes").ShouldAllBe(c => c.Suppressed);
        f.RecipientsByMunicipality.ShouldBe([new(population.MunicipalityLabel, 13, false)]);
        // Days followed in 2025: 365 + 223 + 261 + 11 + 351 + 346 + 363 + 6 × 365.
        f.PatientDays.Value.ShouldBe(4_110);
        f.MedianDaysOfEnded.ShouldBe(new ShownNumber(null, true));
    }

    [Fact]
    public async Task AMunicipalitysFigures_AreItsResidents_AndAPeriodCanBeShorterThanAYear()
    {
        var population = await PopulationAsync("1103", "Stavanger", 400);

        var december = await ActivityAsync($"from=2025-12-01&to=2025-12-31&municipality={population.Municipality}");

        december.Scope.ShouldBe("municipality");
        // Followed in December: P1, P4, P8, P9, P10 (moved on the 31st), Q1–Q6; P11's trial is on 1 January in Norway.
        december.Figures.Recipients.ShouldBe(new Shown(11, false));
        december.Figures.Started.ShouldBe(new Shown(0, false));
        // Referred in December: P3 and P11.
        december.Figures.Referrals.ShouldBe(new Shown(null, true));
        december.Figures.PatientDays.Value.ShouldBe(11 * 31);
    }

    [Fact]
    public async Task AWrongPeriodOrScope_IsRefusedWithTheField_AndOnlyLeadersAndAdministratorsMayAsk()
    {
        var leader = await app.ClientForAsync("leader");
        var backwards = await leader.GetAsync("/api/statistics/activity?from=2025-12-31&to=2025-01-01");
        var two = await leader.GetAsync($"/api/statistics/activity?from=2025-01-01&to=2025-12-31&service={TestWorld.North}&municipality={TestWorld.Horten}");
        var notAService = await leader.GetAsync($"/api/statistics/activity?from=2025-01-01&to=2025-12-31&service={TestWorld.Horten}");
        var nurse = await (await app.ClientForAsync("nurse.north")).GetAsync("/api/statistics/activity?from=2025-01-01&to=2025-12-31");
        var admin = await (await AdminKit.AdminClientAsync(app)).GetAsync("/api/statistics/activity?from=2025-01-01&to=2025-12-31");

        backwards.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await backwards.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["to"]);
        (await two.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["scope"]);
        (await notAService.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["service"]);
        nurse.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        admin.StatusCode.ShouldBe(HttpStatusCode.OK, await admin.Content.ReadAsStringAsync());
    }

    // Test figures in the shape of SSB's table 07459: Bergen with 2,000 inhabitants (1,000 women, 1,000 men).
    private const string BergenPopulation = """
        "07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år"
        "region";"kjønn";"alder";"statistikkvariabel";"år";"Personer"
        "4601 Bergen";"Kvinner";"81 år";"Personer";"2025";100
        "4601 Bergen";"Kvinner";"75 år";"Personer";"2025";200
        "4601 Bergen";"Kvinner";"30 år";"Personer";"2025";700
        "4601 Bergen";"Menn";"70 år";"Personer";"2025";300
        "4601 Bergen";"Menn";"65 år";"Personer";"2025";200
        "4601 Bergen";"Menn";"30 år";"Personer";"2025";500
        """;

    [Fact]
    public async Task ThePopulationImported_GivesTheRatesPer1000_AndAWrongFileStoresNothing()
    {
        var population = await PopulationAsync("4601", "Bergen", 200);
        var admin = await AdminKit.AdminClientAsync(app);
        var source = "/api/admin/population?source=" + Uri.EscapeDataString("Testtall i formen til SSB tabell 07459");

        var wrong = await admin.PostAsync(source, new StringContent(BergenPopulation.Replace(";500", ";..", StringComparison.Ordinal), System.Text.Encoding.UTF8, "text/csv"));
        var byLeader = await (await app.ClientForAsync("leader")).PostAsync(source, new StringContent(BergenPopulation, System.Text.Encoding.UTF8, "text/csv"));
        var afterWrong = await admin.GetFromJsonAsync<List<ImportPopulation.ImportedYear>>("/api/admin/population", Json.Options);
        var imported = await admin.PostAsync(source, new StringContent(BergenPopulation, System.Text.Encoding.UTF8, "text/csv"));
        var again = await admin.PostAsync(source, new StringContent(BergenPopulation, System.Text.Encoding.UTF8, "text/csv"));
        var report = await ActivityAsync($"from=2025-01-01&to=2025-12-31&service={population.Service}");

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors["file"].ShouldBe(
            ["Line 8: The count '..' is not a whole number of people (SSB's '.' and '..' mean the figure is missing)."]);
        byLeader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        afterWrong.ShouldNotBeNull().ShouldBeEmpty();
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var years = (await again.Content.ReadFromJsonAsync<List<ImportPopulation.ImportedYear>>(Json.Options))!;
        years.Select(y => (y.Year, y.Municipalities, y.Inhabitants)).ShouldBe([(2025, 1, 2_000L)]);

        var rates = report.Figures.Rates.ShouldNotBeNull();
        rates.Year.ShouldBe(2025);
        rates.Inhabitants.ShouldBe(2_000);
        rates.WithoutPopulation.ShouldBeEmpty();
        rates.Overall.ShouldBe(new Rate("All", 6.5, 2_000, false)); // 13 of 2,000
        rates.BySex.ShouldBe([new("Female", null, 1_000, true), new("Male", null, 1_000, true)]); // as their counts
        rates.ByAgeGroup.ShouldBe([new("0-17", null, 0, false), new("18-49", 0.0, 1_200, false), new("50-66", null, 200, true),
            new("67-79", null, 500, true), new("80-89", null, 100, true), new("90+", null, 0, false)]); // as their counts
        rates.ByMunicipality.ShouldBe([new(population.MunicipalityLabel, 6.5, 2_000, false)]);
        rates.BySizeGroup.Single(r => r.Key == "G2").ShouldBe(new Rate("G2", 6.5, 2_000, false));
        await using var db = app.Database.NewContext();
        (await db.PopulationCounts.CountAsync(c => c.Year == 2025)).ShouldBe(6); // women 80–89, 67–79, 18–49; men 67–79, 50–66, 18–49
    }

    [Fact]
    public async Task AnAgeGroup_NarrowsEveryFigure_AndTheCsvFileAndWorkbookHaveTheSameFiguresWithHiddenOnesAsColons()
    {
        var population = await PopulationAsync("5001", "Trondheim", 100);
        var leader = await app.ClientForAsync("leader");
        var query = $"from=2025-01-01&to=2025-12-31&service={population.Service}&ageGroup=80-89";

        var report = await ActivityAsync(query);
        var csv = await leader.GetAsync("/api/statistics/activity.csv?" + query);
        var xlsx = await leader.GetAsync("/api/statistics/activity.xlsx?" + query);
        var wrongGroup = await leader.GetAsync($"/api/statistics/activity?from=2025-01-01&to=2025-12-31&ageGroup=80-90");

        // 80–89 at the end of 2025: P2, P5, P9 and Q1–Q6; started in 2025: P2, P5, P9.
        report.AgeGroup.ShouldBe("80-89");
        report.Figures.Recipients.ShouldBe(new Shown(9, false));
        report.Figures.Started.ShouldBe(new Shown(null, true));
        Cell(report.Figures.RecipientsByAgeGroup, "80-89").ShouldBe(9);
        Cell(report.Figures.RecipientsByAgeGroup, "67-79").ShouldBe(0);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.ShouldBe("varde-aktivitet-service-2025-01-01-2025-12-31.csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes[..3].ShouldBe(System.Text.Encoding.UTF8.GetPreamble());
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        lines[0].ShouldBe("figure;group;count;per1000;inhabitants");
        lines.ShouldContain("ageGroup;80-89;;;");
        lines.ShouldContain("recipients;;9;;");
        lines.ShouldContain("started;;:;;");
        lines.ShouldContain("recipientsBySex;Male;:;;");     // P2 alone
        lines.ShouldContain("recipientsBySex;Female;:;;");   // 8, which would tell P2
        lines.ShouldContain("recipientsByDiagnosisGroup;Copd;9;;");
        lines.ShouldContain($"recipientsByMunicipality;{population.MunicipalityLabel};9;;");
        // The workbook: the same lines, numbers as numbers and hidden figures as the text ":".
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentDisposition!.FileName.ShouldBe("varde-aktivitet-service-2025-01-01-2025-12-31.xlsx");
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        MiniExcelLibs.MiniExcel.GetSheetNames(book).ShouldBe(["Tall", "Om"]);
        var rows = MiniExcelLibs.MiniExcel.Query(book, useHeaderRow: true, sheetName: "Tall").Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(lines.Count(l => l.Length > 0) - 1);
        string Xlsx(IDictionary<string, object?> row) => string.Join(';', new[] { "figure", "group", "count", "per1000", "inhabitants" }
            .Select(c => row[c] is double d ? d.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("nb-NO")) : row[c]?.ToString() ?? ""));
        rows.Select(Xlsx).ShouldContain("recipients;;9;;");
        rows.Select(Xlsx).ShouldContain("started;;:;;");
        rows.Select(Xlsx).ShouldContain("recipientsBySex;Female;:;;");
        rows.Single(r => (string?)r["figure"] == "recipients")["count"].ShouldBeOfType<double>();
        (await wrongGroup.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["ageGroup"]);
    }

    [Fact]
    public async Task TheAllocationOffice_GetsItsMunicipalitysEpisodesForKpr_WithTheValidationReport_AndEachPatientIsInTheAccessLog()
    {
        var population = await PopulationAsync("3403", "Hamar", 150);
        var office = Guid.NewGuid();
        await using (var db = app.Database.NewContext())
        {
            db.StaffMembers.Add(Varde.Domain.Staff.StaffMember.Create(office, "Tora Tildeling", Role.AllocationOffice, population.Municipality, null).Value);
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Varde.Data.Identity.StaffAccount>>();
            (await users.CreateAsync(new Varde.Data.Identity.StaffAccount { Id = office, UserName = "tildeling.hamar" }, TestWorld.Password)).Succeeded.ShouldBeTrue();
        }

        var client = await app.ClientForAsync("tildeling.hamar");
        var report = (await client.GetFromJsonAsync<GetKprEpisodes.Report>("/api/kpr/episodes?from=2025-01-01&to=2025-12-31", Json.Options))!;
        var csv = await client.GetAsync("/api/kpr/episodes.csv?from=2025-01-01&to=2025-12-31");
        var byLeader = await (await app.ClientForAsync("leader")).GetAsync("/api/kpr/episodes?from=2025-01-01&to=2025-12-31");

        // The 13 recipients' episodes of 2025 (P4's of 2023–24 is not in it); P8, enrolled without a pathway, has no decision date.
        report.Municipality.ShouldBe("3403");
        report.Episodes.Count.ShouldBe(13);
        report.Problems.Select(p => (p.Severity, p.Code)).ShouldBe([(KprEpisodes.Warning, "no-decision-date")]);
        await using var check = app.Database.NewContext();
        var p2 = await check.Patients.SingleAsync(p => p.FollowUpServiceId == population.Service && p.BirthDate == new DateOnly(1940, 6, 1));
        var lines = System.Text.Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("fodselsnummer;kommunenummer;tjenestetype;startdato;sluttdato;vedtaksdato");
        lines.Length.ShouldBe(14);
        lines.ShouldContain($"{p2.IdentityNumber};3403;{KprEpisodes.ServiceType};2025-02-20;2025-09-30;2025-02-10");
        byLeader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var logged = await check.AccessLog.Where(e => e.ActorId == office.ToString() && e.Action == "kpr.export").Select(e => e.PatientId).ToListAsync();
        logged.ShouldContain(p2.Id);
        logged.Distinct().Count().ShouldBe(13);
    }

    [Fact]
    public async Task ARegistryExtract_IsMatchedByIdentityNumber_ImportedOnce_AndGivesTheChangeBeforeAndAfter()
    {
        var population = await PopulationAsync("3407", "Gjøvik", 250);
        await using var db = app.Database.NewContext();
        var q = await db.Patients.Where(p => p.FollowUpServiceId == population.Service && p.BirthDate.Year == 1944).OrderBy(p => p.BirthDate).ToListAsync();
        q.Count.ShouldBe(6);
        // Q1–Q6 started 10 May 2024: one admission in each of Jan and Feb 2024 (2 in the six months before), none in the six from May.
        var extract = new System.Text.StringBuilder("fodselsnummer;maaned;innleggelser\n");
        foreach (var patient in q)
        {
            for (var month = new DateOnly(2023, 11, 1); month < new DateOnly(2024, 11, 1); month = month.AddMonths(1))
                extract.Append(System.Globalization.CultureInfo.InvariantCulture, $"{patient.IdentityNumber};{month:yyyy-MM};{(month.Year == 2024 && month.Month <= 2 ? 1 : 0)}\n");
        }

        extract.Append("01010100000;2024-01;3\n"); // no patient of Varde: line 74
        var coordinator = await StaffClientAsync("koordinator.gjovik", Role.Coordinator, population.Service);
        var url = $"/api/services/{population.Service}/service-use?source=" + Uri.EscapeDataString("Testuttrekk");
        StringContent Csv(string text) => new(text, System.Text.Encoding.UTF8, "text/csv");

        var malformed = await coordinator.PostAsync(url, Csv(extract.ToString().Replace(";2024-03;", ";2024-3;", StringComparison.Ordinal)));
        var storedAfterMalformed = await db.ServiceUse.CountAsync(u => q.Select(p => p.Id).Contains(u.PatientId));
        var byAdmin = await (await AdminKit.AdminClientAsync(app)).PostAsync(url, Csv(extract.ToString()));
        var otherService = await (await app.ClientForAsync("coordinator.north")).PostAsync(url, Csv(extract.ToString()));
        var first = await coordinator.PostAsync(url, Csv(extract.ToString()));
        var again = await coordinator.PostAsync(url, Csv(extract.ToString()));
        var leader = await app.ClientForAsync("leader");
        var report = (await leader.GetFromJsonAsync<GetBenefits.BenefitReport>($"/api/statistics/benefits?months=6&service={population.Service}", Json.Options))!;
        var wrongWindow = await leader.GetAsync($"/api/statistics/benefits?months=9&service={population.Service}");

        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await malformed.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors["file"].Length.ShouldBe(6);
        storedAfterMalformed.ShouldBe(0);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);  // no patient data for administrators
        otherService.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var once = (await first.Content.ReadFromJsonAsync<ImportServiceUse.Imported>(Json.Options))!;
        (once.Lines, once.Added, once.Changed, once.Unchanged).ShouldBe((73, 72, 0, 0)); // the 72 months of Q1–Q6
        once.UnmatchedLines.ShouldBe([74]);
        var twice = (await again.Content.ReadFromJsonAsync<ImportServiceUse.Imported>(Json.Options))!;
        (twice.Added, twice.Changed, twice.Unchanged).ShouldBe((0, 0, 72));
        // Followed six months or more by 24 Nov 2026: P1, P2, P4, P5, P8, P9, P10, P11 and Q1–Q6.
        report.Figures.Eligible.ShouldBe(new Shown(14, false));
        report.Figures.ByKind.Single(k => k.Kind == ServiceUseKind.HospitalAdmissions)
            .ShouldBe(new BenefitFigure(ServiceUseKind.HospitalAdmissions, 6, false, 2, 0, -2, -2, -2));
        report.Figures.ByKind.Single(k => k.Kind == ServiceUseKind.BedDays).ShouldBe(new BenefitFigure(ServiceUseKind.BedDays, 0, false, null, null, null, null, null)); // not in the extract
        report.Caveat.ShouldContain("not a controlled comparison");
        (await db.AccessLog.Where(e => e.Action == "service-use.import").Select(e => e.PatientId).Distinct().ToListAsync()).ShouldBe(q.Select(p => (Guid?)p.Id), ignoreOrder: true);
        (await wrongWindow.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["months"]);
    }

    [Fact]
    public async Task TheWorkFigures_AreASeriesOfWeeks_WithThePatientsFollowedAndTheirDays()
    {
        var population = await PopulationAsync("1804", "Bodø", 350);
        await MessagesAndCallsAsync(population.Service);
        await ShiftsAsync(population.Service);
        var leader = await app.ClientForAsync("leader");

        var report = (await leader.GetFromJsonAsync<GetWork.WorkReport>($"/api/statistics/work?from=2025-12-01&to=2025-12-31&interval=week&service={population.Service}", Json.Options))!;
        var monthly = (await leader.GetFromJsonAsync<GetWork.WorkReport>($"/api/statistics/work?from=2025-01-01&to=2025-12-31&interval=month&service={population.Service}", Json.Options))!;
        var wrongInterval = await leader.GetAsync("/api/statistics/work?from=2025-12-01&to=2025-12-31&interval=day");
        var tooLong = await leader.GetAsync("/api/statistics/work?from=2023-01-01&to=2025-12-31&interval=week");

        // December 2025: P1, P4, P8, P9, P10 (to the 31st) and Q1–Q6 are followed every day; no reports or alerts were made for them.
        report.Figures.Buckets.Select(b => (b.From, b.To, b.PatientsFollowed.Value, b.PatientDays.Value)).ShouldBe(
        [
            (new DateOnly(2025, 12, 1), new DateOnly(2025, 12, 7), 11, 77.0), (new(2025, 12, 8), new(2025, 12, 14), 11, 77.0),
            (new(2025, 12, 15), new(2025, 12, 21), 11, 77.0), (new(2025, 12, 22), new(2025, 12, 28), 11, 77.0), (new(2025, 12, 29), new(2025, 12, 31), 11, 33.0),
        ]);
        report.Figures.Buckets.ShouldAllBe(b => b.ReportsPerPatientWeek.Value == 0 && b.PercentSeenWithinGoal.Value == null && !b.PercentSeenWithinGoal.Suppressed);
        // Week 8–14 December: three messages from patients and one to a patient (the one on 30 November is outside), one
        // call held; the call nobody joined is not counted.
        report.Figures.Buckets.Select(b => (b.MessagesFromPatients.Value, b.MessagesFromService.Value, b.VideoCalls.Value)).ShouldBe(
            [(0, 0, 0), (3, 1, 1), (0, 0, 0), (0, 0, 0), (0, 0, 0)]);
        report.Figures.Buckets[1].MessagesFromPatientsPer100PatientDays.Value.ShouldBe(3.9); // 3 in 77 patient-days
        report.Figures.Buckets[1].VideoCallsPer100PatientDays.Value.ShouldBe(1.3);
        // On duty: one nurse an hour either side of midnight into 8 December (one person: hidden), then 8 December
        // 08:00–16:00 and 12:00–16:00 beside it, and 9 December 08:00–10:00 a third person.
        report.Figures.Buckets.Select(b => (b.NurseHoursOnDuty.Value, b.NurseHoursOnDuty.Suppressed, b.PatientsPerNurseOnDuty.Value)).ShouldBe(
            [(null, true, null), (15.0, false, 8.1), (0.0, false, null), (0.0, false, null), (0.0, false, null)]); // week 2: 11 ÷ (15 nurse-hours ÷ 11 staffed hours)
        var municipal = (await leader.GetFromJsonAsync<GetWork.WorkReport>(
            $"/api/statistics/work?from=2025-12-01&to=2025-12-31&interval=week&municipality={population.Municipality}", Json.Options))!;
        municipal.Figures.Buckets.ShouldAllBe(b => b.NurseHoursOnDuty.Value == null && b.PatientsPerNurseOnDuty.Value == null);
        monthly.Figures.Buckets.Count.ShouldBe(12);
        monthly.Figures.Buckets[5].PatientsFollowed.Value.ShouldBe(13); // June: P5's trial (10–20 June) too
        monthly.Figures.Buckets[11].NurseHoursOnDuty.Value.ShouldBe(16);
        (await wrongInterval.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["interval"]);
        (await tooLong.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["to"]);
    }

    // Shifts in the service in December 2025 (UTC; Oslo is an hour ahead): 7 December 23:00 to 8 December 01:00, and
    // 8 December 08:00–16:00 and 12:00–16:00, and 9 December 08:00–10:00 (Oslo).
    private async Task ShiftsAsync(Guid service)
    {
        await using var db = app.Database.NewContext();
        Domain.Services.DutyShift Shift(Guid staff, DateTimeOffset from, DateTimeOffset to)
        {
            var shift = Domain.Services.DutyShift.Start(Guid.NewGuid(), service, staff, from);
            shift.End(to);
            return shift;
        }

        var monday = new DateTimeOffset(2025, 12, 8, 7, 0, 0, TimeSpan.Zero);
        db.DutyShifts.AddRange(Shift(TestWorld.NurseNorth, monday.AddHours(-9), monday.AddHours(-7)), Shift(TestWorld.NurseNorth, monday, monday.AddHours(8)),
            Shift(TestWorld.CoordinatorNorth, monday.AddHours(4), monday.AddHours(8)), Shift(TestWorld.NurseSouth, monday.AddDays(1), monday.AddDays(1).AddHours(2)));
        await db.SaveChangesAsync();
    }

    // Messages and video calls with two of the service's patients, in and around December 2025 (UTC; Oslo is an hour ahead).
    private async Task MessagesAndCallsAsync(Guid service)
    {
        await using var db = app.Database.NewContext();
        var patients = await db.Patients.Where(p => p.FollowUpServiceId == service).OrderBy(p => p.Id).Select(p => p.Id).Take(2).ToListAsync();
        var tuesday = new DateTimeOffset(2025, 12, 9, 9, 0, 0, TimeSpan.Zero);
        Domain.Messages.PatientMessage Message(Guid patient, Domain.Messages.MessageDirection direction, DateTimeOffset at) =>
            Domain.Messages.PatientMessage.Write(Guid.NewGuid(), patient, service, direction, "Hei", Guid.NewGuid().ToString(), "author", null, at).Value;
        db.Messages.AddRange(
            Message(patients[0], Domain.Messages.MessageDirection.FromPatient, tuesday),
            Message(patients[0], Domain.Messages.MessageDirection.FromPatient, tuesday.AddHours(2)),
            Message(patients[1], Domain.Messages.MessageDirection.FromPatient, tuesday.AddDays(1)),
            Message(patients[0], Domain.Messages.MessageDirection.FromService, tuesday.AddHours(3)),
            Message(patients[1], Domain.Messages.MessageDirection.FromPatient, new DateTimeOffset(2025, 11, 30, 12, 0, 0, TimeSpan.Zero)));
        var held = Domain.Video.VideoCall.Open(Guid.NewGuid(), patients[1], service, Guid.NewGuid(), null, false, null, tuesday);
        var host = held.Seats.Single(s => s.Role == Domain.Video.VideoRole.Host);
        var patient = held.Seats.Single(s => s.Role == Domain.Video.VideoRole.Patient);
        held.Joined(host, tuesday.AddMinutes(1));
        held.Joined(patient, tuesday.AddMinutes(2));
        held.Admit(patient, tuesday.AddMinutes(3));
        held.End(tuesday.AddMinutes(20));
        db.VideoCalls.AddRange(held, Domain.Video.VideoCall.Open(Guid.NewGuid(), patients[0], service, Guid.NewGuid(), null, false, null, tuesday));
        await db.SaveChangesAsync();
    }
}

public sealed class ActivityStatisticsOnSqliteTests(SqliteApp app) : ActivityStatisticsTests(app), IClassFixture<SqliteApp>;

public sealed class ActivityStatisticsOnPostgresTests(PostgresApp app) : ActivityStatisticsTests(app), IClassFixture<PostgresApp>;
