using Bunit;
using Varde.Server.Components.Worklist;

namespace Varde.Components.Tests;

public sealed class WorklistTableTests : ComponentTestContext
{
    [Fact]
    public void AListTheFilterEmpties_SaysTheFilterHidesWork_AndOffersToShowEverything()
    {
        var cleared = 0;
        var cut = Render<WorklistTable>(p => p.Add(c => c.Rows, []).Add(c => c.Selected, []).Add(c => c.Hidden, 20)
            .Add(c => c.OnClearFilter, () => cleared++));

        cut.Find("[data-testid=worklist-filtered-out]").TextContent.ShouldContain("Filteret skjuler 20 oppgaver.");
        cut.FindAll("[data-testid=worklist-empty]").ShouldBeEmpty("it does not say that nothing waits");
        cut.Find("[data-testid=clear-filter]").Click();
        cleared.ShouldBe(1);
    }

    [Fact]
    public void AnEmptyListWithNothingHidden_SaysNothingWaits()
    {
        var cut = Render<WorklistTable>(p => p.Add(c => c.Rows, []).Add(c => c.Selected, []).Add(c => c.Hidden, 0));

        cut.Find("[data-testid=worklist-empty]").TextContent.ShouldBe("Ingenting venter. Alle rapporter er sett.");
        cut.FindAll("[data-testid=worklist-filtered-out]").ShouldBeEmpty();
    }

    [Fact]
    public void OneHiddenItem_IsSaidInTheSingular()
    {
        var cut = Render<WorklistTable>(p => p.Add(c => c.Rows, []).Add(c => c.Selected, []).Add(c => c.Hidden, 1));

        cut.Find("[data-testid=worklist-filtered-out]").TextContent.ShouldContain("Filteret skjuler 1 oppgave.");
    }
}
