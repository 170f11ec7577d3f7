using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 4 in real Chromium: a nurse lists a patient with another GP and shares them with the hospital on the
/// patient page; the change is listed with who made it, and the GPs' access follows at once.
/// </summary>
public sealed class PatientCareTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ANurseChangesTheGpAndSharing_OnThePatientPage_AndTheGpsAccessFollows()
    {
        var patient = DemoPopulation.All.First(p => p.GpKey == "fastlege1" && !p.SharedWithHospital
            && p.Index != DemoPathways.TrialWithDraftIndex);
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{patient.Id}");
        var panel = nurse.GetByTestId("care-panel");
        await Assertions.Expect(panel.GetByLabel("Fastlege")).ToHaveValueAsync(DemoIds.For("fastlege1").ToString());
        await Assertions.Expect(panel).ToContainTextAsync("Ingen endringer siden innmeldingen.");

        await panel.GetByLabel("Fastlege").SelectOptionAsync(new SelectOptionValue { Label = "Nina Dahl" });
        await panel.GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Lagre endringen" }).ClickAsync();

        await Assertions.Expect(panel.GetByTestId("care-status")).ToHaveTextAsync("Endringen er lagret. Tilgangen følger den med en gang.");
        var history = panel.GetByTestId("care-history");
        await Assertions.Expect(history).ToContainTextAsync("Kari Holm: fastlege endret fra Per Aas til Nina Dahl");
        await Assertions.Expect(history).ToContainTextAsync("Kari Holm: delt med ");
        await Assertions.Expect(nurse.GetByTestId("patient-header")).ToContainTextAsync("Fastlege: Nina Dahl");
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-care-changed.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        var oldGp = await app.ApiClientAsync("fastlege1");
        var newGp = await app.ApiClientAsync("fastlege2");
        (await oldGp.GetAsync($"/api/patients/{patient.Id}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await newGp.GetAsync($"/api/patients/{patient.Id}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        // The GP sees the panel without the form.
        var gp = await app.SignedInPageAsync("fastlege2", "/patients");
        await gp.GotoAsync($"/patients/{patient.Id}");
        await Assertions.Expect(gp.GetByTestId("care-panel")).ToContainTextAsync("fastlege endret fra Per Aas til Nina Dahl");
        await Assertions.Expect(gp.GetByTestId("care-form")).ToHaveCountAsync(0);
    }
}
