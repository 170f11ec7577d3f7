using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>Chromium with Web Bluetooth on (experimental on Linux), for the emulated devices of <see cref="BluetoothPeripheral"/>.</summary>
public sealed class BluetoothBrowserApp : BrowserApp
{
    protected override IEnumerable<string> ChromiumArgs => ["--enable-experimental-web-platform-features"];
}

/// <summary>
/// Issue 23 item 2: on the lent tablet the patient connects a standard blood-pressure monitor from the measure page and
/// measures; the reading arrives with the same result screen as a typed one, and the nurse sees it on the worklist and
/// the patient's page with the device named and what the device said. The device is emulated by Chromium itself (CDP
/// BluetoothEmulation), so the app's Web Bluetooth code is what runs.
/// </summary>
public sealed class PatientAppBluetoothTests(BluetoothBrowserApp app) : IClassFixture<BluetoothBrowserApp>
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static string Shot(string name) => Path.Combine(BrowserApp.ScreenshotFolder, $"patient-device-{name}.png");

    [Fact]
    public async Task A_monitor_connected_in_the_app_sends_its_reading_and_the_nurse_sees_it_with_the_device_named()
    {
        var page = await app.EnrolledTabletPageAsync("tablet");
        await page.GotoAsync("/pasient/maling/blood-pressure");
        await using var monitor = await BluetoothPeripheral.StartAsync(app.Browser, page, "BLESmart_00000116", 0x1810, 0x2A35, "Omron", "HEM-7361T", "20261124001");
        var section = page.GetByRole(AriaRole.Region, new() { Name = "Fra måleren" });
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Eller skriv inn selv" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("connect"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await section.GetByRole(AriaRole.Button, new() { Name = "Koble til måler" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("device-status")).ToHaveTextAsync("Koblet til BLESmart_00000116. Start målingen på måleren nå.");
        await page.ScreenshotAsync(new() { Path = Shot("connected"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        // The monitor's measurement: 190/115 mmHg (red in his plan), pulse 60, irregular pulse, at its own clock one minute ago.
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), Oslo).AddMinutes(-1);
        var stamp = Convert.ToHexString(Varde.Devices.DeviceDateTime.From(local.DateTime).ToBytes());
        await monitor.SendAsync(page, 0x1810, 0x2A35, $"16 BE 00 73 00 8C 00 {stamp} 3C 00 04 00");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient/resultat/"), new() { Timeout = 15000 });
        (await page.GetByTestId("result").CountAsync()).ShouldBe(2);
        await page.ScreenshotAsync(new() { Path = Shot("result"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{BrowserApp.TabletPatientId}");
        var newest = nurse.GetByTestId("report-row").Filter(new() { Has = nurse.GetByTestId("report-note") }).First;
        await Assertions.Expect(newest.GetByTestId("report-device")).ToHaveTextAsync("målt med Omron HEM-7361T");
        await Assertions.Expect(newest.GetByTestId("report-note")).ToContainTextAsync("Måleren meldte: uregelmessig puls.");
        await Assertions.Expect(newest).ToContainTextAsync("190/115");
        await newest.ScrollIntoViewIfNeededAsync();
        await nurse.ScreenshotAsync(new() { Path = Shot("nurse-view") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        // The red is on the worklist, the monitor named on it.
        await nurse.GotoAsync("/worklist");
        await Assertions.Expect(nurse.GetByTestId("worklist-device")).ToHaveCountAsync(1);
        await Assertions.Expect(nurse.GetByTestId("worklist-device")).ToContainTextAsync("målt med Omron HEM-7361T");
        await nurse.GetByTestId("worklist-device").ScrollIntoViewIfNeededAsync();
        await nurse.ScreenshotAsync(new() { Path = Shot("worklist") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
    }

    [Fact]
    public async Task A_browser_without_web_bluetooth_shows_only_the_typed_form()
    {
        var page = await app.EnrolledTabletPageAsync("tablet");
        await page.AddInitScriptAsync("Object.defineProperty(navigator, 'bluetooth', { value: undefined });");
        await page.GotoAsync("/pasient/maling/blood-pressure");

        await Assertions.Expect(page.GetByLabel("Øvre tall (systolisk)")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Fra måleren" })).ToBeHiddenAsync();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Koble til måler" }).CountAsync()).ShouldBe(0, "a hidden section's button is not in the accessibility tree");
    }
}
