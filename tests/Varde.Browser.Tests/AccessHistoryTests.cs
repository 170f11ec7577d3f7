using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 5 in real Chromium: on a phone, the patient opens "Hvem har sett dataene mine" from Min plan and sees the
/// nurse who opened their page, in plain words; the nurse sees the same log from the patient page. axe on both.
/// </summary>
public sealed class AccessHistoryTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ThePatientAndTheNurse_SeeWhoHasSeenThePatientsData()
    {
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{BrowserApp.TabletPatientId}");
        await nurse.GetByTestId("access-link").ClickAsync();
        await Assertions.Expect(nurse.Locator("h1")).ToHaveTextAsync("Hvem har sett pasientens data");
        await Assertions.Expect(nurse.GetByTestId("access-history")).ToContainTextAsync("Kari Holm");
        await Assertions.Expect(nurse.GetByTestId("access-history")).ToContainTextAsync("åpnet pasientsiden din");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "access-history-nurse.png"), FullPage = true });

        var phone = await app.EnrolledTabletPageAsync("phone");
        await phone.GotoAsync("/pasient/plan");
        await phone.GetByTestId("access-link").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Hvem har sett dataene mine");
        var line = phone.GetByTestId("access-line").Filter(new() { HasText = "Kari Holm" }).First;
        await Assertions.Expect(line).ToContainTextAsync("Sykepleier, Oppfølgingstjenesten Vestfold (demo)");
        await Assertions.Expect(phone.GetByTestId("access-history")).ToContainTextAsync("så hvem som har sett dataene dine");
        await Accessibility.ShouldHaveNoViolationsAsync(phone);
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "access-history-patient-phone.png"), FullPage = true });
    }
}
