using System.Text;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 21 in real Chromium: the leader opens the statistics from the menu, sees her service's year so far, narrows it
/// to one municipality and one age group, and downloads the same figures as a CSV file. axe-clean; screenshots.
/// </summary>
public sealed class StatisticsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheLeader_FiltersByMunicipalityAndAgeGroup_AndDownloadsTheFiguresAsCsv()
    {
        var leader = await app.SignedInPageAsync("leder", "/service");
        await leader.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Statistikk" }).ClickAsync();
        await Assertions.Expect(leader.Locator("h1")).ToHaveTextAsync("Statistikk: aktivitet");
        // Every followed demo patient is followed this year by the leader's service.
        await Assertions.Expect(leader.GetByTestId("figure-recipients").Locator("td")).ToHaveTextAsync(DemoPopulation.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(leader.GetByTestId("no-population")).ToBeVisibleAsync();
        await Assertions.Expect(leader.GetByTestId("no-extracts")).ToBeVisibleAsync(); // the demo has no registry extracts
        // The year so far by month: January to November, the demo's readings in the last of them.
        await Assertions.Expect(leader.GetByTestId("work-bucket")).ToHaveCountAsync(11);
        await Assertions.Expect(leader.GetByTestId("work-bucket").Last.Locator("td").Nth(1)).Not.ToHaveTextAsync("0");
        // November's messages from patients, to patients, and video calls (the demo's two questions and one answer).
        await Assertions.Expect(leader.GetByTestId("work-bucket").Last.GetByTestId("work-contacts")).ToHaveTextAsync(["2", "1", "0"]);
        // The demo's day shifts (the last eight weeks): hours on duty and patients per nurse on duty in November; in January nobody was followed.
        await Assertions.Expect(leader.GetByTestId("work-bucket").Last.GetByTestId("work-duty"))
            .ToHaveTextAsync([new System.Text.RegularExpressions.Regex(@"^[1-9]\d*(,\d)?$"), new System.Text.RegularExpressions.Regex(@"^[1-9]\d*(,\d)?$")]);
        await Assertions.Expect(leader.GetByTestId("work-bucket").First.GetByTestId("work-duty")).ToHaveTextAsync(["–", "–"]); // nobody followed yet
        // The same months as lines: reports per patient-week ends in November, and each chart says so in words.
        await Assertions.Expect(leader.GetByTestId("trend-reports-summary")).ToContainTextAsync("nov 2026");
        await Assertions.Expect(leader.GetByTestId("trend-reports").Locator("circle").Last).ToBeVisibleAsync();
        await Assertions.Expect(leader.GetByTestId("trend-alerts").Locator(".trend-legend li")).ToHaveTextAsync(["Røde per 100 døgn", "Gule per 100 døgn"]);
        await Assertions.Expect(leader.GetByTestId("trend-within-goal").Locator("svg")).ToBeVisibleAsync();
        await leader.GetByTestId("statistics-work").ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "statistics-work-trends.png") });
        // Net cost and benefit: no prices in the demo, and its costs are entered for six of the last twelve months.
        await Assertions.Expect(leader.GetByTestId("no-prices")).ToBeVisibleAsync();
        await Assertions.Expect(leader.GetByTestId("cost-per-patient-year").Locator("td").Last).ToHaveTextAsync("6 måneder uten registrerte kostnader");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);

        // Test figures in the shape of SSB's table 07459 (not real ones): 9,200 inhabitants in each demo municipality.
        var table = new StringBuilder("\"region\";\"kjønn\";\"alder\";\"år\";\"Personer\"\n");
        foreach (var region in new[] { "3901 Horten", "3903 Holmestrand", "3905 Tønsberg" })
        {
            foreach (var (sex, age, count) in new[] { ("Kvinner", 30, 2000), ("Kvinner", 60, 1500), ("Kvinner", 75, 800), ("Kvinner", 85, 300),
                         ("Menn", 30, 2000), ("Menn", 60, 1500), ("Menn", 75, 800), ("Menn", 85, 300) })
                table.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{region}\";\"{sex}\";\"{age} år\";\"2026\";{count}\n");
        }

        var admin = await app.ApiClientAsync("admin");
        (await admin.PostAsync("/api/admin/population?source=testtall", new StringContent(table.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await leader.ReloadAsync();
        // 40 recipients among 27,600 inhabitants.
        await Assertions.Expect(leader.GetByTestId("rate-overall")).ToContainTextAsync("1,4");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "statistics-service.png"), FullPage = true });

        var filters = leader.GetByTestId("statistics-filters");
        await filters.GetByLabel("Gjelder").SelectOptionAsync(new SelectOptionValue { Label = "Horten kommune" });
        await filters.GetByLabel("Aldersgruppe").SelectOptionAsync("80-89");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();

        await Assertions.Expect(leader.GetByTestId("statistics-showing")).ToContainTextAsync("Horten kommune");
        await Assertions.Expect(leader.GetByTestId("statistics-showing")).ToContainTextAsync("80-89");
        var byAge = leader.GetByTestId("by-age");
        foreach (var other in new[] { "0-17", "18-49", "50-66", "67-79", "90+" })
            await Assertions.Expect(byAge.Locator($"tr[data-key='{other}'] td.num")).ToHaveTextAsync("0");
        var municipalities = leader.GetByTestId("by-municipality").Locator("tbody tr");
        await Assertions.Expect(municipalities).ToHaveCountAsync(1);
        await Assertions.Expect(municipalities.First).ToContainTextAsync("3901 Horten kommune");
        await Assertions.Expect(leader.GetByTestId("statistics-work")).ToHaveCountAsync(0); // not by age
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "statistics-horten-80-89.png"), FullPage = true });

        var download = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("statistics-csv").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("varde-aktivitet-municipality-");
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes[..3].ShouldBe(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        lines.ShouldContain("ageGroup;80-89;;;");
        lines.ShouldContain(l => l.StartsWith("recipientsByMunicipality;3901 Horten kommune;", StringComparison.Ordinal));
        lines.ShouldContain("recipientsByAgeGroup;67-79;0;;");

        var workbook = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("statistics-xlsx").ClickAsync());
        workbook.SuggestedFilename.ShouldEndWith(".xlsx");
        (await File.ReadAllBytesAsync((await workbook.PathAsync())!))[..2].ShouldBe("PK"u8.ToArray()); // a zip: an Office Open XML workbook

        // The annual report for Horten: 2026 so far (to the clock's day) beside 2025 and 2024 (nobody followed then in the demo).
        await leader.GetByTestId("annual-report-link").ClickAsync();
        await Assertions.Expect(leader.Locator("h1")).ToHaveTextAsync("Årsrapport 2026: digital hjemmeoppfølging");
        await Assertions.Expect(leader.GetByTestId("annual-scope-name")).ToContainTextAsync("Horten kommune");
        var key = leader.GetByTestId("annual-key");
        var today = Varde.Domain.Services.NorwegianTime.Today(app.Clock.GetUtcNow()).ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture);
        await Assertions.Expect(key.Locator("thead th")).ToHaveTextAsync(["Nøkkeltall", $"2026 (t.o.m. {today})", "2025", "2024"]);
        await Assertions.Expect(key.Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(["14", "0", "0"]);
        await Assertions.Expect(leader.GetByTestId("annual-rates").Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(["1,5", "0,0", "–"]); // 2025 by the population of 1 January 2026; none for 2024
        await Assertions.Expect(leader.GetByTestId("annual-population")).ToContainTextAsync("2026");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "statistics-annual-report.png"), FullPage = true });
        await leader.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(leader.GetByTestId("annual-filters")).ToBeHiddenAsync();
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "statistics-annual-report-print.png"), FullPage = true });
    }
}
