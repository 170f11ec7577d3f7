using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 6 in real Chromium: a GP covering for a colleague opens emergency access with a reason and lands on the
/// patient's page; the patient sees it marked in "Hvem har sett dataene mine"; the service's leader finds it on the
/// review list and marks it reviewed. axe on the new screens.
/// </summary>
public sealed class BreakGlassTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AnEmergencyAccess_IsInThePatientsLog_AndOnTheLeadersReviewList()
    {
        var patient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var gp = await app.SignedInPageAsync("fastlege2", "/patients");
        await gp.GetByTestId("break-glass-link").ClickAsync();
        await Assertions.Expect(gp.Locator("h1")).ToHaveTextAsync("Nødtilgang");
        await gp.GetByLabel("Pasientens fødselsnummer (11 siffer)").FillAsync(patient.IdentityNumber);
        await gp.GetByLabel("Hvorfor trenger du tilgang nå?").FillAsync("Vikar for fastlege Per Aas, pasienten ringte legevakt");
        await Accessibility.ShouldHaveNoViolationsAsync(gp);
        await gp.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "break-glass-open.png"), FullPage = true });
        await gp.GetByRole(AriaRole.Button, new() { Name = "Åpne nødtilgang i 2 timer" }).ClickAsync();
        await Assertions.Expect(gp).ToHaveURLAsync(new Regex($"/patients/{patient.Id}$"), new() { Timeout = 15000 });
        await Assertions.Expect(gp.Locator("h1")).ToContainTextAsync(patient.Name.Split(' ')[0], new() { Timeout = 15000 });

        var phone = await app.EnrolledTabletPageAsync("phone");
        await phone.GotoAsync("/pasient/innsyn");
        var line = phone.GetByTestId("access-line").Filter(new() { HasText = "Nina Dahl" }).Filter(new() { Has = phone.GetByTestId("break-glass-mark") });
        await Assertions.Expect(line.First).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByTestId("access-history")).ToContainTextAsync("nødtilgang til dataene dine");

        var leader = await app.SignedInPageAsync("leder", "/service");
        await leader.GetByTestId("break-glass-review-link").ClickAsync();
        var use = leader.GetByTestId("break-glass-use").Filter(new() { HasText = "Nina Dahl" });
        await Assertions.Expect(use).ToContainTextAsync(patient.Name);
        await Assertions.Expect(use).ToContainTextAsync("Vikar for fastlege Per Aas");
        await Assertions.Expect(use).ToHaveAttributeAsync("data-reviewed", "no");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await use.GetByLabel("Vurdering").FillAsync("Begrunnet: legevakt, fastlegen var borte");
        await use.GetByRole(AriaRole.Button, new() { Name = "Merk som gjennomgått" }).ClickAsync();
        await Assertions.Expect(leader.GetByTestId("break-glass-use").Filter(new() { HasText = "Nina Dahl" })).ToHaveAttributeAsync("data-reviewed", "yes");
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "break-glass-review.png"), FullPage = true });
    }
}
