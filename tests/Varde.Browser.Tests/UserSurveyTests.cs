using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Server.Features.Surveys;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 21 item 6 in real Chromium: the demo patient finds the survey on "I dag" on her lent tablet, answers it (the
/// plan question appears only after "Ja") and gets a thank-you, and the survey is gone; the leader opens the service's
/// survey setting and the figures of the closed round (the demo's answers), where a breakdown with a small group is
/// hidden and says why. axe-clean; screenshots.
/// </summary>
public sealed partial class UserSurveyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task ThePatientAnswersTheSurveyOnHerTablet_AndTheLeaderSeesTheClosedRound()
    {
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<InviteToSurveys>().RunAsync(CancellationToken.None);

        var tablet = await app.EnrolledTabletPageAsync("tablet");
        var invite = tablet.GetByTestId("survey-invite");
        await Assertions.Expect(invite).ToBeVisibleAsync();
        await Accessibility.ShouldHaveNoViolationsAsync(tablet);
        await tablet.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "survey-today.png"), FullPage = true });
        await invite.GetByRole(AriaRole.Link, new() { Name = "Svar på undersøkelsen" }).ClickAsync();
        await Assertions.Expect(tablet.Locator("h1")).ToHaveTextAsync("Brukerundersøkelse: digital hjemmeoppfølging");
        await Assertions.Expect(tablet.GetByTestId("survey-anonymous")).ToContainTextAsync("uten navnet ditt");
        var planUseful = tablet.Locator(".question[data-link-id='plan-useful']");
        await Assertions.Expect(planUseful).ToBeHiddenAsync();
        foreach (var (question, answer) in new[] { ("overall", "Svært fornøyd"), ("safety", "Tryggere"), ("own-health", "Bedre"), ("quality-of-life", "Uendret"),
                     ("physical-health", "Uendret"), ("contact", "Som regel"), ("equipment", "Ja"), ("has-plan", "Ja") })
            await tablet.Locator($".question[data-link-id='{question}']").GetByLabel(answer, new() { Exact = true }).CheckAsync();
        await Assertions.Expect(planUseful).ToBeVisibleAsync();
        await planUseful.GetByLabel("Delvis").CheckAsync();
        await Accessibility.ShouldHaveNoViolationsAsync(tablet);
        await tablet.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "survey-patient.png"), FullPage = true });
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Send svarene" }).ClickAsync();
        await Assertions.Expect(tablet).ToHaveURLAsync(SurveyThanks());
        await Assertions.Expect(tablet.GetByTestId("survey-thanks")).ToHaveTextAsync("Takk for svarene!");
        await tablet.GotoAsync("/pasient");
        await Assertions.Expect(tablet.GetByTestId("survey-invite")).ToHaveCountAsync(0);

        var leader = await app.SignedInPageAsync("leder", "/service");
        await leader.GetByTestId("survey-settings-link").ClickAsync();
        await Assertions.Expect(leader.Locator("h1")).ToHaveTextAsync("Brukerundersøkelse for tjenesten");
        await Assertions.Expect(leader.GetByLabel("Send undersøkelsen")).ToBeCheckedAsync();
        await Assertions.Expect(leader.GetByTestId("survey-round")).ToContainTextAsync("har svart");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "survey-settings.png"), FullPage = true });
        await leader.GetByTestId("survey-figures-link").ClickAsync();
        // The round before this one (January–June 2026): the demo's answers, six in seven of its patients.
        await Assertions.Expect(leader.GetByLabel("Runde", new() { Exact = true })).ToHaveValueAsync("2026-01/6");
        await Assertions.Expect(leader.GetByTestId("survey-answers")).ToHaveTextAsync(AnswerCount());
        await Assertions.Expect(leader.GetByTestId("survey-item")).ToHaveCountAsync(9);
        await Assertions.Expect(leader.GetByTestId("survey-item").First.Locator("tbody tr")).ToHaveCountAsync(5);
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "survey-figures.png"), FullPage = true });
        var download = await leader.RunAndWaitForDownloadAsync(() => leader.GetByTestId("survey-csv").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("varde-brukerundersokelse-user-experience-2026-01-");
        var csv = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF').Split("\r\n");
        csv.ShouldContain(l => Regex.IsMatch(l, @"^answers;\d+$"));
        csv.ShouldContain("question;option;count;percent");

        // By age group: the demo's forty patients leave some age groups with fewer than ten answers: nothing is shown.
        await leader.GetByLabel("Aldersgruppe").SelectOptionAsync("67-79");
        await leader.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(leader.GetByTestId("survey-hidden")).ToContainTextAsync(FewerThanTen());
        await Assertions.Expect(leader.GetByTestId("survey-item")).ToHaveCountAsync(0);
        // The round under way is not shown.
        await leader.GotoAsync("/statistikk/brukerundersokelse?round=2026-07/6");
        await Assertions.Expect(leader.GetByTestId("survey-error")).ToContainTextAsync("ikke over");
        await Accessibility.ShouldHaveNoViolationsAsync(leader);
    }

    [GeneratedRegex("/pasient/undersokelse/takk$")]
    private static partial Regex SurveyThanks();

    [GeneratedRegex("[Ff]ærre enn 10 svar")]
    private static partial Regex FewerThanTen();

    [GeneratedRegex(@"^\d+ svar$")]
    private static partial Regex AnswerCount();
}
