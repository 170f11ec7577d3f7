using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 7: the Content-Security-Policy is enforced and the screens work under it. A nurse's live pages (their
/// circuit connects) and the patient app (its script, service worker and offline queue) run with no breach; a script
/// slipped into the page is refused and recorded, which shows the recorder every screen test relies on would see one.
/// </summary>
public sealed class ContentSecurityTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task LivePagesAndThePatientApp_RunUnderThePolicy_AndAnInjectedScriptIsRefused()
    {
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await Assertions.Expect(nurse.Locator("h1")).ToBeVisibleAsync();
        await nurse.GotoAsync($"/patients/{BrowserApp.TabletPatientId}");
        await Assertions.Expect(nurse.GetByTestId("relatives")).ToBeVisibleAsync();
        (await ContentSecurity.ViolationsAsync(nurse)).ShouldBeEmpty();
        (await nurse.EvaluateAsync<bool>("() => typeof Blazor === 'object'")).ShouldBeTrue("the Blazor script ran");

        var patient = await app.EnrolledTabletPageAsync("phone");
        await patient.GotoAsync("/pasient/maling/oxygen-saturation");
        await Assertions.Expect(patient.GetByLabel("Oksygenmetning", new() { Exact = true })).ToBeVisibleAsync();
        await patient.WaitForFunctionAsync("() => navigator.serviceWorker.ready.then(() => true)");
        (await ContentSecurity.ViolationsAsync(patient)).ShouldBeEmpty();

        await Should.ThrowAsync<PlaywrightException>(() => nurse.AddScriptTagAsync(new() { Content = "window.injected = true;" }));
        (await nurse.EvaluateAsync<bool>("() => window.injected === true")).ShouldBeFalse();
        (await ContentSecurity.ViolationsAsync(nurse)).ShouldContain(v => v.StartsWith("script-src", StringComparison.Ordinal));
    }
}
