using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 6 in real Chromium: the demo's administrator opens the follow-up service's settings from the service,
/// opens it on Saturdays, adds a closed day, names whom a waiting red is escalated to and sets the planning figure; a
/// wrong number is told at its field and nothing is lost. axe on the screen, screenshots looked at.
/// </summary>
public sealed class ServiceSettingsTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AnAdministrator_SetsTheServicesHoursClosedDaysAndEscalation()
    {
        var page = await app.SignedInPageAsync("admin", "/");
        await page.GotoAsync("/admin/organisasjoner");
        await page.GetByTestId("organisations").GetByRole(AriaRole.Link, new() { Name = "Oppfølgingstjenesten Vestfold (demo)" }).ClickAsync();
        await page.GetByTestId("settings-link").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Innstillinger: Oppfølgingstjenesten Vestfold (demo)");
        await Assertions.Expect(page.GetByLabel("Åpen mandag")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Mandag fra", new() { Exact = true })).ToHaveValueAsync("08:00");

        // A wrong planning figure: told at the field; what was typed elsewhere stays.
        await page.GetByLabel("Åpen lørdag").CheckAsync();
        await page.GetByLabel("Lørdag fra", new() { Exact = true }).FillAsync("10:00");
        await page.GetByLabel("Lørdag til", new() { Exact = true }).FillAsync("14:00");
        await page.GetByLabel("Ny stengt dag").FillAsync("2026-12-23");
        await page.GetByLabel("Hvorfor").FillAsync("Planleggingsdag");
        await page.GetByLabel("Pasienter per sykepleier på vakt (planleggingstall)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre endringene" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=patientsPerNurse]")).ToHaveTextAsync("Skriv et tall fra 1 til 500.");
        await Assertions.Expect(page.GetByLabel("Pasienter per sykepleier på vakt (planleggingstall)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Lørdag fra", new() { Exact = true })).ToHaveValueAsync("10:00");
        await Assertions.Expect(page.GetByLabel("Hvorfor")).ToHaveValueAsync("Planleggingsdag");
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByLabel("Pasienter per sykepleier på vakt (planleggingstall)").FillAsync("70");
        await page.GetByLabel("Eskaleres til").SelectOptionAsync(new SelectOptionValue { Label = "Siri Lunde (Koordinator)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre endringene" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("closed-days")).ToContainTextAsync("23. desember 2026: Planleggingsdag");
        await Assertions.Expect(page.GetByLabel("Åpen lørdag")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Lørdag til", new() { Exact = true })).ToHaveValueAsync("14:00");
        await Assertions.Expect(page.GetByLabel("Eskaleres til")).ToHaveValueAsync(Varde.Server.Demo.DemoIds.For("koordinator").ToString());
        await Assertions.Expect(page.GetByLabel("Ny stengt dag")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "admin-service-settings.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        // The closed day is removed again; the log has both changes.
        await page.GetByLabel("Fjern").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lagre endringene" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("closed-days")).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/logg?hva=service-settings");
        await Assertions.Expect(page.GetByTestId("audit-entries").Locator("tbody tr")).ToHaveCountAsync(2);
    }
}
