using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>The real sign-in flows in Chromium, against the stand-in for HelseID and ID-porten that the demo brings.</summary>
public sealed class ExternalSignInTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Nurse_SignsInWithHelseId_AndLandsOnHerWorklist()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ansatte i helsetjenesten" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByTestId("helseid").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "HelseID (testleverandør)" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "helseid-stand-in.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kari Holm – Sykepleier, HPR 9100001" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/worklist$"));
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Kari Holm · Sykepleier · Oppfølgingstjenesten Vestfold (demo)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "helseid-worklist.png"), FullPage = true });
    }

    [Fact]
    public async Task Staff_WithATooLowLevel_IsToldWhy()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");
        await page.GetByTestId("helseid").ClickAsync();

        await page.GetByLabel("Navn").FillAsync("Kari Holm");
        await page.GetByLabel("HPR-nummer (tomt om personen ikke har et)").FillAsync("9100001");
        await page.GetByLabel("Sikkerhetsnivå").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("refusal")).ToContainTextAsync("lavere sikkerhetsnivå");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "helseid-refused.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }

    [Fact]
    public async Task Patient_SignsInWithIdPortenOnAPhone()
    {
        var patient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var context = await app.NewContextAsync(new BrowserNewContextOptions { ViewportSize = BrowserApp.Viewport("phone"), HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/pasient/logg-inn");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-login-idporten.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByTestId("idporten").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "ID-porten (testleverandør)" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"{patient.Name} – pasient" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(patient.Name.Split(' ')[0]);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-idporten-today.png"), FullPage = true });
    }

    [Fact]
    public async Task Person_NotEnrolled_GetsAPlainPage()
    {
        var context = await app.NewContextAsync(new BrowserNewContextOptions { ViewportSize = BrowserApp.Viewport("phone"), HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/pasient/logg-inn");
        await page.GetByTestId("idporten").ClickAsync();

        await page.GetByLabel("Navn").FillAsync("Ikke Registrert");
        await page.GetByLabel("Fødselsnummer (11 sifre)").FillAsync("02055041086");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("refusal")).ToHaveTextAsync("Du er ikke registrert for digital hjemmeoppfølging i Varde.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-not-enrolled.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }
}
