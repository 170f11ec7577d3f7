using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Server.Features.Installation;

namespace Varde.Browser.Tests;

/// <summary>Issue 17, item 1: a new installation without demo data is set up in the browser with the code printed on the console.</summary>
public sealed class FirstStartTests(EmptyBrowserApp app) : IClassFixture<EmptyBrowserApp>
{
    [Fact]
    public async Task ANewInstallation_IsSetUpOnTheSetUpPage_AndTheAdministratorSignsIn()
    {
        var code = app.Services.GetRequiredService<FirstStart>().PendingCode.ShouldNotBeNull();
        var page = await app.NewPageAsync(new() { ViewportSize = BrowserApp.Laptop });
        await page.GotoAsync("/login");
        await page.GetByTestId("not-set-up").GetByRole(AriaRole.Link, new() { Name = "Sett opp Varde" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/oppsett$"));

        await page.GetByLabel("Oppsettkode").FillAsync(code);
        await page.GetByLabel("Navn på oppfølgingstjenesten").FillAsync("Oppfølgingstjenesten i Horten");
        await page.GetByLabel("Kommunen tjenesten betjener").FillAsync("Horten");
        await page.GetByLabel("Kommunenummer (4 sifre)").FillAsync("39");
        await page.GetByLabel("Ditt navn").FillAsync("Tor Vik");
        await page.GetByLabel("Brukernavn").FillAsync("tor.vik");
        await page.GetByLabel("Passord", new() { Exact = true }).FillAsync("Horten-oppsett-2026");
        await page.GetByLabel("Passordet en gang til").FillAsync("Horten-oppsett-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sett opp Varde" }).ClickAsync();

        // A mistake is named at its field and costs nothing else: the code still works.
        await Assertions.Expect(page.GetByTestId("setup-errors")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=municipalityNumber]")).ToContainTextAsync("Skriv et av kommunenumrene fra 2024 (fire sifre).");
        await Assertions.Expect(page.GetByLabel("Kommunenummer (4 sifre)")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "setup-error.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByLabel("Oppsettkode").FillAsync(code);
        await page.GetByLabel("Kommunenummer (4 sifre)").FillAsync("3903");
        await page.GetByLabel("Passord", new() { Exact = true }).FillAsync("Horten-oppsett-2026");
        await page.GetByLabel("Passordet en gang til").FillAsync("Horten-oppsett-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sett opp Varde" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-done")).ToContainTextAsync("Varde er satt opp. Logg inn som tor.vik.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "setup-done.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Til innlogging" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("not-set-up")).ToHaveCountAsync(0);
        await page.GetByLabel("Brukernavn").FillAsync("tor.vik");
        await page.GetByLabel("Passord").FillAsync("Horten-oppsett-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync("Tor Vik");

        await page.GotoAsync("/oppsett");
        await Assertions.Expect(page.GetByTestId("setup-not-needed")).ToBeVisibleAsync();
    }
}
