using Bunit;
using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Components.Worklist;
using Varde.Server.Features.Alerts;

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

    [Fact]
    public void OneMoreAlertOrGreen_IsSaidInTheSingular()
    {
        var anna = new GetWorklist.PatientDto(Guid.NewGuid(), "Anna", 70, Guid.NewGuid(), "Horten", DiagnosisGroup.Copd);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        GetWorklist.Item Alert(TriageOutcome zone, int minutes) => new("alert", 0, Guid.NewGuid(), null, AlertCategory.Clinical,
            "measurement:OxygenSaturation", zone, AlertState.Open, anna, "grunn", "reason", 1, now.AddMinutes(-minutes), minutes, null, null, false, false, 1, []);
        var review = new GetWorklist.Item("review", 3, null, Guid.NewGuid(), null, "measurement:Pulse", TriageOutcome.Green, null, anna, "grønn", "green", 1,
            now, 0, null, null, false, false, null, []);
        var rows = WorklistRow.Build([Alert(TriageOutcome.Red, 1), .. Enumerable.Range(2, 4).Select(m => Alert(TriageOutcome.Yellow, m)), review], new WorklistFilter(), "me");

        var cut = Render<WorklistTable>(p => p.Add(c => c.Rows, rows).Add(c => c.Selected, []));

        var others = cut.Find("ul.others").TextContent;
        others.ShouldContain("+ 1 varsel til");
        others.ShouldContain("+ 1 grønn å se gjennom");
    }

    [Fact]
    public void ARowIsDrawnAgain_WhenItsItemsItsOpenAlertOrItsTickChange_AndTheOthersAreLeftAlone()
    {
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var anna = new GetWorklist.PatientDto(Guid.NewGuid(), "Anna", 70, Guid.NewGuid(), "Horten", DiagnosisGroup.Copd);
        var bjorn = new GetWorklist.PatientDto(Guid.NewGuid(), "Bjørn", 81, Guid.NewGuid(), "Horten", DiagnosisGroup.HeartFailure);
        var red = new GetWorklist.Item("alert", 0, Guid.NewGuid(), null, AlertCategory.Clinical, "measurement:OxygenSaturation", TriageOutcome.Red,
            AlertState.Open, anna, "lav metning", "low saturation", 1, now.AddMinutes(-5), 5, null, null, false, false, 1, []);
        GetWorklist.Item Green(string reason) => new("review", 3, null, Guid.NewGuid(), null, "measurement:Pulse", TriageOutcome.Green, null, bjorn,
            reason, reason, 1, now, 0, null, null, false, false, null, []);
        var green = Green("puls 70");
        var selected = new HashSet<Guid>();
        var cut = Render<WorklistTable>(p => p.Add(c => c.Rows, WorklistRow.Build([red, green], new WorklistFilter(), "me")).Add(c => c.Selected, selected));
        int Draws(string name) => cut.FindComponents<WorklistTableRow>().Single(r => r.Instance.Row.Patient.Name == name).RenderCount;
        var (annaBefore, bjornBefore) = (Draws("Anna"), Draws("Bjørn"));

        // A live load of Bjørn alone: his new item is drawn, Anna's row (the same item) is not drawn again.
        var newer = Green("puls 72");
        cut.Render(p => p.Add(c => c.Rows, WorklistRow.Build([red, newer], new WorklistFilter(), "me")).Add(c => c.Selected, selected));
        Draws("Anna").ShouldBe(annaBefore);
        Draws("Bjørn").ShouldBe(bjornBefore + 1);
        cut.Find($"[data-patient-id='{bjorn.Id}']").TextContent.ShouldContain("puls 72");

        // Anna's alert opened in the panel: her row is marked open.
        cut.Render(p => p.Add(c => c.Rows, WorklistRow.Build([red, newer], new WorklistFilter(), "me")).Add(c => c.Selected, selected).Add(c => c.OpenAlertId, red.AlertId));
        cut.Find($"[data-patient-id='{anna.Id}']").ClassList.ShouldContain("open");
        Draws("Bjørn").ShouldBe(bjornBefore + 1);

        // Bjørn's green ticked elsewhere (select all): his box shows it.
        selected.Add(newer.ReportId!.Value);
        cut.Render(p => p.Add(c => c.Rows, WorklistRow.Build([red, newer], new WorklistFilter(), "me")).Add(c => c.Selected, selected).Add(c => c.OpenAlertId, red.AlertId));
        cut.Find($"#review-{bjorn.Id}").HasAttribute("checked").ShouldBeTrue();
    }
}
