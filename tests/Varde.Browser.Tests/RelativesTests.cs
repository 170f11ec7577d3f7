using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 4 in real Chromium, on phones: the patient invites her daughter from Min plan and passes on the code;
/// the daughter signs in with it, sees the plan, sends a reading that is marked as hers; the patient withdraws the
/// consent and the daughter's next page is the sign-in page; the patient and the nurse see the daughter's acts. axe on
/// every new screen.
/// </summary>
public sealed partial class RelativesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ARelative_IsInvited_SignsIn_SendsAMarkedReading_AndLosesAccessTheMomentConsentIsWithdrawn()
    {
        var patient = await app.EnrolledTabletPageAsync("phone");
        await patient.GotoAsync("/pasient/plan");
        await patient.GetByTestId("relatives-link").ClickAsync();
        await Assertions.Expect(patient.Locator("h1")).ToHaveTextAsync("Pårørende");
        await patient.GetByLabel("Navn", new() { Exact = true }).FillAsync("Sigrid Lunde");
        await patient.GetByLabel("Hva er personen for deg?").FillAsync("datter");
        await patient.GetByLabel("Mobilnummer").FillAsync("912 34 567");
        await patient.GetByRole(AriaRole.Group, new() { Name = "Hva kan personen gjøre?" }).GetByLabel("Sende målinger og svar for deg").CheckAsync();
        await Accessibility.ShouldHaveNoViolationsAsync(patient);
        await patient.GetByRole(AriaRole.Button, new() { Name = "Inviter", Exact = true }).ClickAsync();
        var shown = patient.GetByTestId("relative-code").Locator("code");
        await Assertions.Expect(shown).ToHaveAttributeAsync("data-code", Digits());
        var code = (await shown.GetAttributeAsync("data-code"))!;
        await Assertions.Expect(patient.GetByTestId("relative").Filter(new() { HasText = "Sigrid Lunde" })).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoViolationsAsync(patient);
        await patient.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "relatives-patient-phone.png"), FullPage = true });

        var daughter = await (await app.NewContextAsync(new() { ViewportSize = BrowserApp.Viewport("phone"), HasTouch = true })).NewPageAsync();
        await daughter.GotoAsync("/pasient/logg-inn");
        await daughter.GetByTestId("relative-login").ClickAsync();
        await daughter.GetByLabel("Engangskode (8 sifre)").FillAsync(code);
        await Accessibility.ShouldHaveNoViolationsAsync(daughter);
        await daughter.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Assertions.Expect(daughter).ToHaveURLAsync(new Regex("/pasient$"), new() { Timeout = 15000 });
        await Assertions.Expect(daughter.GetByTestId("relative-banner")).ToContainTextAsync("Sigrid Lunde");
        await Assertions.Expect(daughter.Locator("h1")).ToContainTextAsync("Hei, Sigrid");
        await Accessibility.ShouldHaveNoViolationsAsync(daughter);
        await daughter.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "relatives-daughter-today.png"), FullPage = true });
        await daughter.GotoAsync("/pasient/plan");
        await Assertions.Expect(daughter.Locator("h1")).ToHaveTextAsync("Min plan");
        await Assertions.Expect(daughter.GetByTestId("access-link")).ToHaveCountAsync(0);

        await daughter.GotoAsync("/pasient/maling/oxygen-saturation");
        await daughter.GetByLabel("Oksygenmetning", new() { Exact = true }).FillAsync("95");
        await daughter.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var yes = daughter.GetByRole(AriaRole.Button, new() { Name = "Ja, det er riktig – send" });
        await daughter.WaitForTimeoutAsync(300);
        if (await yes.IsVisibleAsync())
            await yes.ClickAsync();
        await Assertions.Expect(daughter).ToHaveURLAsync(new Regex("/pasient/resultat/"), new() { Timeout = 15000 });
        await daughter.GotoAsync("/pasient/verdier");
        var card = daughter.GetByTestId("value-card").Filter(new() { Has = daughter.Locator("[data-quantity='OxygenSaturation']") }).Or(
            daughter.Locator("[data-testid='value-card'][data-quantity='OxygenSaturation']"));
        await card.First.Locator("summary").ClickAsync();
        await Assertions.Expect(card.First.GetByTestId("sent-by").First).ToContainTextAsync("sendt av datter Sigrid Lunde");

        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{BrowserApp.TabletPatientId}");
        await Assertions.Expect(nurse.GetByTestId("sent-by").First).ToContainTextAsync("datter Sigrid Lunde");
        var panel = nurse.GetByTestId("relatives");
        await Assertions.Expect(panel.GetByTestId("relative").Filter(new() { HasText = "Sigrid Lunde" })).ToHaveAttributeAsync("data-consent", "yes");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "relatives-nurse-panel.png") });

        await patient.GotoAsync("/pasient/parorende");
        await patient.GetByTestId("relative").Filter(new() { HasText = "Sigrid Lunde" }).GetByTestId("withdraw").ClickAsync();
        await Assertions.Expect(patient.GetByTestId("relative-saved")).ToContainTextAsync("trukket tilbake");

        await daughter.GotoAsync("/pasient");
        await Assertions.Expect(daughter).ToHaveURLAsync(new Regex("/pasient/logg-inn"), new() { Timeout = 15000 });

        await patient.GotoAsync("/pasient/innsyn");
        var line = patient.GetByTestId("access-line").Filter(new() { HasText = "Sigrid Lunde (datter)" });
        await Assertions.Expect(line.First).ToBeVisibleAsync();
        await Assertions.Expect(patient.GetByTestId("access-history")).ToContainTextAsync("logget inn som din pårørende");
        await Assertions.Expect(patient.GetByTestId("access-history")).ToContainTextAsync("Kari Holm");
        await patient.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "relatives-access-history.png"), FullPage = true });
    }

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex Digits();
}
