using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Domain.Questionnaires;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// The GP's side of the plan in real Chromium (issue 16, item 8): the landing page puts the plans waiting for this GP
/// first, the approval screen says every rule once in plain bokmål, and the confirmation is where the GP is looking.
/// </summary>
public sealed class GpApprovalTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task GpApproval_WaitingPlansFirst_RulesInPlainWordsOnce_ConfirmationInView()
    {
        var trialPatient = DemoPopulation.All[DemoPathways.TrialWithDraftIndex];
        var gp = await app.SignedInPageAsync(trialPatient.GpKey, "/patients");

        // The landing page: the waiting plan first, with a marker and a count.
        var waiting = gp.GetByTestId("awaiting-approval");
        await Assertions.Expect(waiting).ToContainTextAsync("Venter på din godkjenning");
        await Assertions.Expect(waiting).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(waiting).ToContainTextAsync("1");
        var firstRow = gp.Locator("table.patients tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync(trialPatient.Name);
        await Assertions.Expect(firstRow.GetByTestId("awaits-approval")).ToHaveTextAsync("Venter på din godkjenning");
        await Assertions.Expect(gp.GetByTestId("awaits-approval")).ToHaveCountAsync(1);
        await gp.ScreenshotAsync(new() { Path = Shot("gp-landing"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(gp);

        // The approval screen: every rule in plain words, no internal ids, and the change list once.
        await firstRow.GetByTestId("awaits-approval").ClickAsync();
        await Assertions.Expect(gp).ToHaveURLAsync(new Regex($"/patients/{trialPatient.Id}/plan$"));
        var approval = gp.GetByTestId("approval-panel");
        await Assertions.Expect(approval.GetByTestId("plan-diff")).ToContainTextAsync(
            "Spørreskjema «Daglige spørsmål»: svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul");
        await Assertions.Expect(approval.GetByTestId("plan-diff")).ToContainTextAsync("CAT-poengsum 21 eller mer gir gul, 31 eller mer gir rød");
        var text = await approval.InnerTextAsync();
        var internalIds = QuestionnaireCatalogue.BuiltIn.All.SelectMany(q => q.Items.Select(i => i.LinkId).Append(q.Id)).Where(id => id.Length > 3)
            .Append("cat:").Append("= yes").Append("OxygenSaturation").Append("BodyWeight");
        foreach (var id in internalIds)
            text.ShouldNotContain(id, Case.Sensitive, $"the approval panel shows the internal id '{id}': {text}");
        Regex.IsMatch(text, @"\bcat\b").ShouldBeFalse($"the approval panel names the questionnaire by its id 'cat': {text}");
        await Assertions.Expect(gp.GetByTestId("plan-diff")).ToHaveCountAsync(1);
        await gp.ScreenshotAsync(new() { Path = Shot("gp-approval"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(gp);

        // The same words in English.
        await gp.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(gp.GetByTestId("approval-panel").GetByTestId("plan-diff")).ToContainTextAsync(
            "Questionnaire “Daily questions”: the answer “Yes” to “Are you more breathless than usual?” gives yellow");
        await Assertions.Expect(gp.GetByTestId("approval-panel").GetByTestId("plan-diff")).ToContainTextAsync("CAT score 21 or more gives yellow, 31 or more gives red");
        await gp.ScreenshotAsync(new() { Path = Shot("gp-approval-en"), FullPage = true });
        await gp.GetByRole(AriaRole.Link, new() { Name = "Norsk (bokmål)" }).ClickAsync();
        approval = gp.GetByTestId("approval-panel");
        await Assertions.Expect(approval.GetByTestId("plan-diff")).ToContainTextAsync("CAT-poengsum 21 eller mer gir gul");

        // After approving, the confirmation is in view and has the focus.
        await approval.GetByTestId("approve").ClickAsync();
        var message = gp.GetByTestId("plan-message");
        await Assertions.Expect(message).ToContainTextAsync("godkjent");
        await Assertions.Expect(message).ToHaveAttributeAsync("role", "status");
        await Assertions.Expect(message).ToBeInViewportAsync();
        await Assertions.Expect(message).ToBeFocusedAsync();
        await gp.ScreenshotAsync(new() { Path = Shot("gp-approved") });
        await Accessibility.ShouldHaveNoViolationsAsync(gp);

        // The plan in force, on screen and printed, says its rules with the same words.
        await Assertions.Expect(gp.GetByTestId("plan-rules")).ToContainTextAsync("CAT-poengsum 21 eller mer gir gul, 31 eller mer gir rød");
        var print = await gp.Context.NewPageAsync();
        await print.GotoAsync($"/patients/{trialPatient.Id}/plan/print");
        await Assertions.Expect(print.GetByTestId("plan-print")).ToContainTextAsync(
            "Spørreskjema «Daglige spørsmål»: svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul");
        await Assertions.Expect(print.GetByTestId("plan-print")).ToContainTextAsync("Spørreskjema «Daglige spørsmål» hver dag innen kl. 10:00");
        var printed = await print.GetByTestId("plan-print").InnerTextAsync();
        foreach (var id in internalIds)
            printed.ShouldNotContain(id, Case.Sensitive, $"the printed plan shows the internal id '{id}'");
        await print.ScreenshotAsync(new() { Path = Shot("gp-plan-print"), FullPage = true });

        // Nothing waits any more.
        await gp.GotoAsync("/patients");
        await Assertions.Expect(gp.Locator("h1")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("awaits-approval")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("awaiting-approval")).ToHaveCountAsync(0);
    }

    private static string Shot(string name) => Path.Combine(BrowserApp.ScreenshotFolder, $"{name}.png");
}
