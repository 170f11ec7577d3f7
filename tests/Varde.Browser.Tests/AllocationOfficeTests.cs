using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 3 in real Chromium: the demo's allocation office (Tønsberg's tildelingskontor) lands on the pathways of
/// the patients who live in Tønsberg, opens the referral under assessment and makes the decision; it is offered no
/// referral form, no link to the patient's measurements and no other step.
/// </summary>
public sealed class AllocationOfficeTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheAllocationOffice_DecidesOnAReferral_FromItsBoard()
    {
        var assessed = DemoPopulation.Referred.Single(p => DemoPathways.Referrals.Single(r => r.Index == p.Index).State == Varde.Domain.Pathways.PathwayState.Assessment);
        assessed.MunicipalityKey.ShouldBe("tonsberg");
        var office = await app.SignedInPageAsync("tildeling", "/pathways");
        var board = office.GetByTestId("pathway-board");
        await Assertions.Expect(board.Locator("section[data-state=Assessment]")).ToContainTextAsync(assessed.Name);
        await Assertions.Expect(office.GetByTestId("new-referral")).ToHaveCountAsync(0);
        var municipalities = await office.GetByTestId("board-municipality").Locator("option").AllInnerTextsAsync();
        municipalities.ShouldBe(["Alle kommuner", "Tønsberg kommune"]);
        var names = await board.Locator("[data-testid=pathway-card]").AllInnerTextsAsync();
        var others = DemoPopulation.All.Concat(DemoPopulation.Referred).Where(p => p.MunicipalityKey != "tonsberg").Select(p => p.Name).ToHashSet();
        names.ShouldNotContain(card => others.Any(name => card.Contains(name, StringComparison.Ordinal)
            && !DemoPopulation.All.Concat(DemoPopulation.Referred).Any(t => t.MunicipalityKey == "tonsberg" && t.Name == name)));

        await board.Locator("section[data-state=Assessment]").GetByRole(AriaRole.Link, new() { Name = assessed.Name }).ClickAsync();
        await Assertions.Expect(office).ToHaveURLAsync(new Regex($"/patients/{assessed.Id}/pathway$"));
        await Assertions.Expect(office.Locator("h1")).ToContainTextAsync(assessed.Name);
        await Assertions.Expect(office.Locator($"a[href='/patients/{assessed.Id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(office.Locator($"a[href='/patients/{assessed.Id}/plan']")).ToHaveCountAsync(0);
        var checklist = office.GetByTestId("checklist");
        foreach (var criterion in new[] { "Tilstanden kan observeres på avstand", "Pasienten er motivert", "Medisinsk forsvarlig og ønsket", "Forventet nytte",
                     "Kan samtykke og følge en plan (ev. med pårørende)", "Kan bruke enkel teknologi", "Mobildekning hjemme" })
            await checklist.GetByLabel(criterion).CheckAsync();
        await Assertions.Expect(office.GetByText("Avslutt forløpet")).ToHaveCountAsync(0);
        await office.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "allocation-office-decision.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(office);
        await office.GetByTestId("accept").ClickAsync();

        await Assertions.Expect(office.GetByTestId("pathway-state")).ToContainTextAsync("Innvilget");
        await Assertions.Expect(office.GetByTestId("pathway-history")).ToContainTextAsync("Ingrid Vang");
        await Assertions.Expect(office.GetByTestId("pathway-actions")).ToHaveCountAsync(0);

        // The patient page with measurements is not the office's.
        await office.GotoAsync($"/patients/{assessed.Id}");
        await Assertions.Expect(office.Locator("h1")).Not.ToContainTextAsync(assessed.Name);
    }
}
