using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 19 item 1 in real Chromium: a patient on a phone writes to the service; the message appears on the nurse's
/// open worklist live; the nurse answers on the patient page; each side sees that the other has read it.
/// </summary>
public sealed partial class MessagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const float LiveUpdate = 15_000;

    [Fact]
    public async Task APatientWrites_TheNurseSeesItLive_Answers_AndBothSeeItRead()
    {
        var leif = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var nurse = await app.SignedInPageAsync("sykepleier1");
        var patient = await app.EnrolledTabletPageAsync("phone");

        await patient.GetByRole(AriaRole.Link, new() { Name = "Meldinger" }).ClickAsync();
        await Assertions.Expect(patient.GetByRole(AriaRole.Heading, new() { Name = "Meldinger", Level = 1 })).ToBeVisibleAsync();
        // The demo thread: an earlier question and its answer.
        await Assertions.Expect(patient.GetByTestId("message")).ToHaveCountAsync(2);
        await patient.GetByLabel("Skriv en melding").FillAsync("Jeg er mer tungpusten i dag enn i går. Bør jeg ta kontakt?");
        await patient.GetByLabel("Legg ved et bilde (valgfritt)").SetInputFilesAsync(new FilePayload
        {
            Name = "ankler.jpg", MimeType = "image/jpeg", Buffer = Photo(),
        });
        await patient.GetByRole(AriaRole.Button, new() { Name = "Send melding" }).ClickAsync();

        await Assertions.Expect(patient.GetByTestId("sent")).ToHaveTextAsync("Meldingen er sendt.");
        var mine = patient.GetByTestId("message").Last;
        await Assertions.Expect(mine).ToContainTextAsync("tungpusten i dag");
        await Assertions.Expect(mine.GetByTestId("receipt")).ToHaveTextAsync("Ikke lest ennå");
        await Assertions.Expect(mine.GetByTestId("message-photo")).ToBeVisibleAsync();
        (await mine.GetByTestId("message-photo").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(320);
        await patient.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-messages-sent.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(patient);

        // On the nurse's open worklist, without reloading.
        var row = nurse.Locator($"[data-testid=worklist-row][data-patient-id='{leif.Id}']");
        await Assertions.Expect(row.GetByTestId("patient-message")).ToContainTextAsync("tungpusten i dag", new() { Timeout = LiveUpdate });

        await nurse.GotoAsync($"/patients/{leif.Id}#meldinger");
        var panel = nurse.GetByTestId("messages-panel");
        await Assertions.Expect(panel.GetByTestId("message").Last).ToContainTextAsync("tungpusten i dag");
        await Assertions.Expect(panel.GetByTestId("messages-waiting")).ToHaveTextAsync("1 venter på svar");
        var photo = panel.GetByTestId("message").Last.GetByTestId("message-photo");
        await Assertions.Expect(photo).ToBeVisibleAsync();
        await photo.ScrollIntoViewIfNeededAsync();
        (await photo.EvaluateAsync<int>("img => img.complete ? img.naturalHeight : -1")).ShouldBe(240);
        await panel.GetByLabel("Svar pasienten").FillAsync("Hei Leif! Vi ringer deg innen en time for å høre hvordan du har det.");
        await panel.GetByTestId("send-message").ClickAsync();
        await Assertions.Expect(panel.GetByTestId("messages-status")).ToHaveTextAsync("Meldingen er sendt.");
        await Assertions.Expect(panel.GetByTestId("messages-waiting")).ToHaveCountAsync(0);
        var answer = panel.GetByTestId("message").Last;
        await Assertions.Expect(answer.GetByTestId("receipt")).ToHaveTextAsync("Ikke lest ennå");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        // The patient's app shows an unread answer on its way to the messages; opening them reads it.
        await patient.GotoAsync("/pasient");
        await Assertions.Expect(patient.GetByTestId("unread-messages")).ToHaveTextAsync("1 uleste");
        await patient.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-unread-message.png") });
        await patient.GetByRole(AriaRole.Link, new() { Name = "Meldinger" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("unread-messages")).ToHaveCountAsync(0);
        await Assertions.Expect(patient.GetByTestId("message").Last).ToContainTextAsync("Vi ringer deg innen en time");
        await Assertions.Expect(patient.GetByTestId("message").Nth(2).GetByTestId("receipt")).ToHaveTextAsync(ReadByService());
        await patient.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-messages-answered.png"), FullPage = true });

        // And the nurse sees that the patient has read the answer.
        await nurse.ReloadAsync();
        await Assertions.Expect(nurse.GetByTestId("messages-panel").GetByTestId("message").Last.GetByTestId("receipt")).ToHaveTextAsync(ReadAt());
        await nurse.GetByTestId("messages-panel").ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "nurse-messages.png") });
    }

    [Fact]
    public async Task ANurseWritesToThePatientFromAnAlert_WithThePlansWords()
    {
        var nurse = await app.SignedInPageAsync("sykepleier1");
        var row = nurse.GetByTestId("worklist-row").Filter(new() { Has = nurse.GetByTestId("open-alert") }).First;
        var patientId = Guid.Parse((await row.GetAttributeAsync("data-patient-id"))!);
        await row.GetByTestId("open-alert").ClickAsync();
        var panel = nurse.GetByTestId("alert-panel");
        var instruction = await panel.GetByTestId("zone-instruction").InnerTextAsync();

        await panel.GetByTestId("write-to-patient").ClickAsync();
        var messages = panel.GetByTestId("messages-panel");
        await messages.GetByTestId("quick-text").Filter(new() { HasText = "Planen: rød" }).ClickAsync();
        await Assertions.Expect(messages.GetByTestId("reply-text")).ToHaveValueAsync(instruction);
        await messages.GetByTestId("send-message").ClickAsync();

        await Assertions.Expect(messages.GetByTestId("messages-status")).ToHaveTextAsync("Meldingen er sendt.");
        await Assertions.Expect(messages.GetByTestId("message").Last).ToContainTextAsync(instruction);
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "alert-panel-message.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        using var api = await app.ApiClientAsync("sykepleier1");
        using var thread = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/api/patients/{patientId}/messages"));
        thread.RootElement.GetProperty("messages").EnumerateArray().Last().GetProperty("text").GetString().ShouldBe(instruction);
    }

    [Fact]
    public async Task AQuestionForTheDoctor_IsHandedOnToTheGp_AndLeavesTheWorklist()
    {
        var asking = DemoPopulation.All[DemoMessages.WaitingPatientIndex];
        var nurse = await app.SignedInPageAsync("sykepleier1");
        var row = nurse.Locator($"[data-testid=worklist-row][data-patient-id='{asking.Id}']");
        await Assertions.Expect(row.GetByTestId("patient-message")).ToContainTextAsync("vanndrivende tabletter");

        await nurse.GotoAsync($"/patients/{asking.Id}#meldinger");
        var panel = nurse.GetByTestId("messages-panel");
        var handOn = panel.GetByTestId("hand-on-to-gp");
        await Assertions.Expect(handOn).ToHaveTextAsync(HandOnToGp());
        await handOn.ClickAsync();

        await Assertions.Expect(panel.GetByTestId("messages-status")).ToHaveTextAsync("Meldingene er sendt videre til fastlegen.");
        await Assertions.Expect(panel.GetByTestId("message").Last.GetByTestId("receipt")).ToHaveTextAsync(HandedOnTo());
        await Assertions.Expect(panel.GetByTestId("messages-waiting")).ToHaveCountAsync(0);
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "nurse-message-handed-on.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.GotoAsync("/worklist");
        await Assertions.Expect(nurse.GetByTestId("worklist-row").First).ToBeVisibleAsync();
        await Assertions.Expect(row.GetByTestId("patient-message")).ToHaveCountAsync(0);
    }

    // A 320×240 photo, as a phone's camera would give it (smaller).
    private static byte[] Photo()
    {
        using var bitmap = new SkiaSharp.SKBitmap(320, 240);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(SkiaSharp.SKColors.Bisque);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.IndianRed };
            canvas.DrawCircle(160, 120, 70, paint);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    [GeneratedRegex("^Lest av oppfølgingstjenesten ")]
    private static partial Regex ReadByService();

    [GeneratedRegex(@"^Send videre til fastlegen \(.+\)$")]
    private static partial Regex HandOnToGp();

    [GeneratedRegex("^Sendt videre til fastlegen .+")]
    private static partial Regex HandedOnTo();

    [GeneratedRegex("^Lest ")]
    private static partial Regex ReadAt();
}
