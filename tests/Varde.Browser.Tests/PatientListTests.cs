using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 9 in real Chromium: a nurse finds a patient among the service's patients by name or identity number,
/// filters by zone and pathway and sorts by zone and by last report; the page shows what the API lists.
/// </summary>
public sealed class PatientListTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<List<string>> ApiNamesAsync(string query)
    {
        var api = await app.ApiClientAsync("sykepleier1");
        var rows = await api.GetFromJsonAsync<JsonElement>($"/api/patients{query}");
        return rows.EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
    }

    private static async Task<List<string>> PageNamesAsync(IPage page) =>
        [.. await page.GetByTestId("patient-row").Locator("th > a:first-child").AllInnerTextsAsync()];

    [Fact]
    public async Task ANurse_SearchesFiltersAndSorts_ThePatientList()
    {
        var all = await ApiNamesAsync("");
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync("/patients");
        await Assertions.Expect(nurse.GetByTestId("patient-count")).ToHaveTextAsync($"{all.Count} pasienter");
        all.Count.ShouldBeGreaterThan(DemoPopulation.Count - 1);

        // By name, in any case.
        var leif = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        await nurse.GetByLabel("Søk", new() { Exact = true }).FillAsync(leif.Name.ToUpperInvariant());
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("patient-row").First).ToContainTextAsync(leif.Name);
        (await PageNamesAsync(nurse)).ShouldAllBe(n => n == leif.Name);

        // By the first six digits of the identity number.
        await nurse.GetByLabel("Søk", new() { Exact = true }).FillAsync(leif.IdentityNumber[..6]);
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("patient-row").Filter(new() { HasText = leif.Name })).ToHaveCountAsync(1);
        (await PageNamesAsync(nurse)).ShouldBe(await ApiNamesAsync($"?q={leif.IdentityNumber[..6]}"));

        // Red first, then yellow; the filter keeps only the patients with an open red.
        await nurse.GetByLabel("Søk", new() { Exact = true }).FillAsync("");
        await nurse.GetByLabel("Sorter").SelectOptionAsync(new SelectOptionValue { Label = "Sone, rød først" });
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=zone"));
        var byZone = await ApiNamesAsync("?sort=zone");
        (await PageNamesAsync(nurse)).ShouldBe(byZone);
        var zones = await nurse.GetByTestId("patient-zone").AllInnerTextsAsync();
        zones.SkipWhile(z => z.Contains("Rød", StringComparison.Ordinal)).ShouldNotContain(z => z.Contains("Rød", StringComparison.Ordinal));
        await nurse.GetByTestId("patient-list").ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-list-by-zone.png") });

        await nurse.GetByLabel("Sone", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Rød" });
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Vis", Exact = true }).ClickAsync();
        var red = await ApiNamesAsync("?zone=red&sort=zone");
        red.Count.ShouldBeGreaterThan(0);
        await Assertions.Expect(nurse.GetByTestId("patient-count")).ToHaveTextAsync(red.Count == 1 ? "1 pasient" : $"{red.Count} pasienter");
        (await PageNamesAsync(nurse)).ShouldBe(red);
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-list-red.png"), FullPage = false });

        // Quietest first: who has not reported for the longest.
        await nurse.GotoAsync("/patients?sort=quiet&state=Active");
        (await PageNamesAsync(nurse)).ShouldBe(await ApiNamesAsync("?sort=quiet&state=Active"));
        await Assertions.Expect(nurse.GetByRole(AriaRole.Link, new() { Name = "Vis alle" })).ToBeVisibleAsync();

        // A wrong value in the address is told, not thrown.
        await nurse.GotoAsync("/patients?zone=blue");
        await Assertions.Expect(nurse.GetByTestId("patient-search-errors")).ToHaveTextAsync("Velg rød, gul eller ingen åpne varsler.");
    }
}
