using System.Text;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 21 item 5 in real Chromium: the leader opens the costs page from the service page, sees October's statement
/// (the demo's costs shared by patient-days), enters November's costs, changes the key to fixed shares (a wrong sum is
/// refused and named), and downloads the statement as CSV. axe-clean; screenshots.
/// </summary>
public sealed class CostsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheLeader_EntersTheMonthsCosts_SetsFixedShares_AndDownloadsTheStatement()
    {
        var leader = await app.SignedInPageAsync("leder", "/service");
        await leader.GetByTestId("costs-link").ClickAsync();
        await Assertions.Expect(leader.Locator("h1")).ToHaveTextAsync("Kostnader og kostnadsfordeling");
        // October 2026 (the month before the clock's): 310 h × 560 + 12,500 + 8,000 + 1,500, shared by the demo's patient-days.
        var statement = leader.GetByTestId("costs-statement");
        await Assertions.Expect(statement.Locator("h2")).ToHaveTextAsync("Fordeling for oktober 2026");
        await Assertions.Expect(leader.GetByTestId("statement-total")).ToHaveTextAsync("195\u00a0600,00 kr");
        await Assertions.Expect(statement.Locator("tbody tr")).ToHaveCountAsync(3);
        await Accessibility.ShouldHaveNoViolationsAsync(leader);

        await leader.GetByLabel("Måned", new() { Exact = true }).FillAsync("2026-11");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(leader.GetByTestId("statement-missing")).ToHaveTextAsync("Ingen kostnader er registrert for måneden ennå.");
        var month = leader.GetByTestId("costs-month");
        await month.GetByLabel("Personaltimer").FillAsync("100");
        await month.GetByLabel("Kostnad per time").FillAsync("600");
        await month.GetByLabel("Utstyr").FillAsync("10000");
        await month.GetByLabel("Lisenser").FillAsync("5000");
        await leader.GetByTestId("save-costs").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("costs-saved")).ToBeVisibleAsync();
        await Assertions.Expect(leader.GetByTestId("costs-total")).ToContainTextAsync("75\u00a0000,00 kr");
        await Assertions.Expect(leader.GetByTestId("statement-total")).ToHaveTextAsync("75\u00a0000,00 kr");

        var key = leader.GetByTestId("costs-key");
        await key.GetByLabel("etter faste andeler").CheckAsync();
        await key.GetByLabel("Horten kommune").FillAsync("50");
        await key.GetByLabel("Holmestrand kommune").FillAsync("20");
        await key.GetByLabel("Tønsberg kommune").FillAsync("20");
        await leader.GetByTestId("save-key").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("costs-key").GetByRole(AriaRole.Alert)).ToContainTextAsync("til sammen 100 %");
        await leader.GetByTestId("costs-key").GetByLabel("Tønsberg kommune").FillAsync("30");
        await leader.GetByTestId("save-key").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("key-saved")).ToBeVisibleAsync();
        var lines = leader.GetByTestId("statement-lines").Locator("tbody tr");
        await Assertions.Expect(lines.Nth(0)).ToContainTextAsync("Horten kommune");
        await Assertions.Expect(lines.Nth(0).Locator("td").Last).ToHaveTextAsync("37\u00a0500,00 kr");
        await Assertions.Expect(lines.Nth(1).Locator("td").Last).ToHaveTextAsync("15\u00a0000,00 kr");
        await Assertions.Expect(lines.Nth(2).Locator("td").Last).ToHaveTextAsync("22\u00a0500,00 kr");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "costs-fixed-shares.png"), FullPage = true });

        var download = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("statement-csv").ClickAsync());
        download.SuggestedFilename.ShouldBe("varde-kostnadsfordeling-2026-11.csv");
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
        text.ShouldContain("Oppfølgingstjenesten Vestfold (demo);2026-11;FixedShares;Horten kommune;50;50,00;37500,00\r\n");
    }

    [Fact]
    public async Task TheAdministrator_EntersTheDefaultUnitCosts_WithTheirYearAndSource_AndAWrongPriceIsNamed()
    {
        var admin = await app.SignedInPageAsync("admin", "/");
        await admin.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Statistikk" }).ClickAsync();
        await admin.GetByTestId("unit-costs-link").ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Enhetskostnader");
        await Assertions.Expect(admin.GetByTestId("no-unit-costs")).ToBeVisibleAsync();
        var form = admin.GetByTestId("set-unit-costs");
        await form.GetByLabel("Prisår").FillAsync("2026");
        await form.GetByLabel("Kilde").FillAsync("Testpriser");
        await form.GetByLabel("Sykehusinnleggelser").FillAsync("62000");
        await form.GetByLabel("Liggedøgn").FillAsync("-5");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre prisene" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-field='bed-days']")).ToHaveTextAsync("En pris er mer enn 0 og høyst 10 000 000 kroner, med høyst to desimaler.");
        await Assertions.Expect(admin.GetByTestId("no-unit-costs")).ToBeVisibleAsync(); // nothing stored
        await Accessibility.ShouldHaveNoViolationsAsync(admin);

        await form.GetByLabel("Liggedøgn").FillAsync("14500");
        await form.GetByRole(AriaRole.Button, new() { Name = "Lagre prisene" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("unit-costs-saved")).ToBeVisibleAsync();
        var row = admin.GetByTestId("unit-cost-sets").Locator("tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync("62\u00a0000");
        await Assertions.Expect(row.First).ToContainTextAsync("Testpriser");
        await Accessibility.ShouldHaveNoViolationsAsync(admin);
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "admin-unit-costs.png"), FullPage = true });
    }
}
