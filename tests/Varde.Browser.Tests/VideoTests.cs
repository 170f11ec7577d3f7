using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Varde.Server.Demo;
using Varde.Server.Features.Video;

namespace Varde.Browser.Tests;

/// <summary>The demo with Chromium's fake camera and microphone (a test pattern and a beep), granted without asking.</summary>
public sealed class VideoBrowserApp : BrowserApp
{
    protected override IEnumerable<string> ChromiumArgs => ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"];
}

/// <summary>
/// Issue 19 item 3 in real Chromium: a nurse opens a video call with the patient, her GP and an interpreter; each joins
/// from their own page (the patient from the patient app on a tablet, the interpreter by her link), waits, and is let
/// in by the nurse; then every page decodes video from the three others (WebRTC <c>getStats</c>: <c>framesDecoded</c>).
/// The interpreter's page shows nothing about the patient. The call ends for all, and the patient's timeline has who
/// took part and for how long.
/// </summary>
public sealed class VideoTests(VideoBrowserApp app) : IClassFixture<VideoBrowserApp>
{
    private static readonly DemoPopulation.DemoPatient Patient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];

    [Fact]
    public async Task NurseGpPatientAndInterpreter_SeeEachOther_AndTheInterpreterSeesNoPatientData()
    {
        // The nurse starts it from the patient page, inviting the GP and an interpreter.
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{Patient.Id}");
        var panel = nurse.GetByTestId("video-calls");
        await panel.GetByLabel("Inviter fastlegen").CheckAsync();
        await panel.GetByLabel("Inviter tolk").CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start videosamtale" }).ClickAsync();
        var interpreterLink = await panel.GetByTestId("interpreter-link").InputValueAsync();
        await panel.ScreenshotAsync(new() { Path = Shot("video-started-panel") });
        var hostLink = await panel.GetByRole(AriaRole.Link, new() { Name = "Åpne videosamtalen" }).GetAttributeAsync("href");
        await nurse.GotoAsync(hostLink!);

        // The GP from the patient's page, the patient from I dag, the interpreter by her link.
        var gp = await app.SignedInPageAsync(Patient.GpKey, "/patients");
        await gp.GotoAsync($"/patients/{Patient.Id}");
        await gp.GetByTestId("video-calls").GetByRole(AriaRole.Link, new() { Name = "Bli med i samtalen" }).ClickAsync();
        var patient = await app.EnrolledTabletPageAsync("tablet", patientId: Patient.Id);
        await patient.GetByRole(AriaRole.Link, new() { Name = "Gå til videosamtalen" }).ClickAsync();
        var interpreter = await app.NewPageAsync(new() { ViewportSize = BrowserApp.Laptop });
        await interpreter.GotoAsync(interpreterLink);

        await JoinAsync(nurse);
        await Assertions.Expect(nurse.GetByText("Du er i samtalen. Ingen andre er med ennå.")).ToBeVisibleAsync();
        foreach (var page in new[] { patient, gp, interpreter })
        {
            await JoinAsync(page);
            await Assertions.Expect(page.GetByText("Du er i venterommet")).ToBeVisibleAsync();
        }

        var waitingRoom = nurse.Locator("[data-video-waiting]");
        await nurse.ScreenshotAsync(new() { Path = Shot("video-waiting-room") });
        foreach (var role in new[] { "Pasient", "Fastlege", "Tolk" })
            await waitingRoom.GetByRole(AriaRole.Button, new() { Name = $"Slipp inn {role}" }).ClickAsync();

        foreach (var page in new[] { nurse, patient, gp, interpreter })
            await ShouldDecodeVideoFromAsync(page, others: 3);
        await nurse.ScreenshotAsync(new() { Path = Shot("video-call-nurse") });
        await patient.ScreenshotAsync(new() { Path = Shot("video-call-patient-tablet") });
        await patient.SetViewportSizeAsync(768, 1024);
        await patient.ScreenshotAsync(new() { Path = Shot("video-call-patient-tablet-portrait"), FullPage = true });
        await interpreter.ScreenshotAsync(new() { Path = Shot("video-call-interpreter") });
        foreach (var page in new[] { nurse, patient, interpreter })
            await Accessibility.ShouldHaveNoViolationsAsync(page);

        var seen = await interpreter.InnerTextAsync("body");
        foreach (var secret in new[] { Patient.Name, Patient.Name.Split(' ')[0], Patient.IdentityNumber, Patient.IdentityNumber[..6] })
            seen.ShouldNotContain(secret);
        (await interpreter.Locator($"a[href*='{Patient.Id}']").CountAsync()).ShouldBe(0);

        // The patient turns her camera off and on; the nurse ends the call for everyone.
        await patient.GetByRole(AriaRole.Button, new() { Name = "Slå av kameraet" }).ClickAsync();
        await Assertions.Expect(patient.GetByRole(AriaRole.Button, new() { Name = "Slå på kameraet" })).ToHaveAttributeAsync("aria-pressed", "true");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Avslutt for alle" }).ClickAsync();
        foreach (var page in new[] { nurse, patient, gp, interpreter })
            await Assertions.Expect(page.GetByText("Samtalen er avsluttet.")).ToBeVisibleAsync();

        using var api = await app.ApiClientAsync("sykepleier1");
        var timeline = (await api.GetFromJsonAsync<List<VideoGroup.CallResponse>>($"/api/patients/{Patient.Id}/video-calls",
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        var call = timeline.First();
        call.Open.ShouldBeFalse();
        call.TookPart.ShouldBe(["Host", "Patient", "Gp", "Interpreter"], ignoreOrder: true);
        call.DurationSeconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
        (await interpreter.GotoAsync(interpreterLink))!.Status.ShouldBe(404, "the link opens nothing once the call is over");
        await nurse.GotoAsync($"/patients/{Patient.Id}");
        await Assertions.Expect(nurse.GetByTestId("video-call").First).ToContainTextAsync("sykepleier, pasient, fastlege, tolk");
    }

    [Fact]
    public async Task ANurseBooksACall_ItIsOnTheWorklistAndThePatientsDay_AndCanBeCalledOff()
    {
        var booked = DemoPopulation.All[DemoMessages.WaitingPatientIndex];
        var at = Varde.Domain.Services.NorwegianTime.ToLocal(app.Clock.GetUtcNow().AddHours(1));
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{booked.Id}");
        var panel = nurse.GetByTestId("video-calls");
        await panel.GetByLabel("Tidspunkt (valgfritt)").FillAsync(at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(panel.GetByTestId("start-video")).ToHaveTextAsync("Avtal videosamtale");
        await panel.GetByTestId("start-video").ClickAsync();

        await Assertions.Expect(panel.GetByTestId("video-booked")).ToHaveTextAsync(
            "Videosamtalen er avtalt " + at.ToString("d.M.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture) + ".");
        await Assertions.Expect(panel.GetByTestId("video-call").First).ToContainTextAsync("Avtalt.");
        await panel.ScreenshotAsync(new() { Path = Shot("video-booked-panel") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        await nurse.GotoAsync("/worklist");
        var today = nurse.GetByTestId("todays-video");
        await Assertions.Expect(today.Locator($"[data-patient-id='{booked.Id}']")).ToContainTextAsync(booked.Name);
        await Assertions.Expect(today.Locator($"[data-patient-id='{booked.Id}']")).ToContainTextAsync("Kan åpnes et kvarter før");
        await today.ScreenshotAsync(new() { Path = Shot("video-booked-worklist") });

        var patient = await app.EnrolledTabletPageAsync("tablet", patientId: booked.Id);
        await Assertions.Expect(patient.GetByTestId("video-booked")).ToContainTextAsync($"Videosamtale med oppfølgingstjenesten i dag kl. {at:HH:mm}");
        await patient.ScreenshotAsync(new() { Path = Shot("video-booked-patient-today") });
        await Accessibility.ShouldHaveNoViolationsAsync(patient);

        await nurse.GotoAsync($"/patients/{booked.Id}");
        await nurse.GetByTestId("video-calls").GetByTestId("cancel-video").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("video-calls").GetByTestId("video-call").First).ToContainTextAsync("Ble ikke holdt.");
        await patient.ReloadAsync();
        await Assertions.Expect(patient.GetByTestId("video-booked")).ToHaveCountAsync(0);
    }

    private static async Task JoinAsync(IPage page) =>
        await page.GetByRole(AriaRole.Button, new() { Name = "Bli med" }).ClickAsync();

    private static async Task ShouldDecodeVideoFromAsync(IPage page, int others)
    {
        var frames = new Dictionary<string, int>();
        for (var attempt = 0; attempt < 60; attempt++)
        {
            frames = await page.EvaluateAsync<Dictionary<string, int>>("window.vardeVideo.framesDecoded()");
            if (frames.Count == others && frames.Values.All(f => f > 0))
                return;
            await page.WaitForTimeoutAsync(500);
        }

        throw new ShouldAssertException($"{page.Url}: frames decoded per other seat: {JsonSerializer.Serialize(frames)}");
    }

    private static string Shot(string name) => Path.Combine(BrowserApp.ScreenshotFolder, name + ".png");
}
