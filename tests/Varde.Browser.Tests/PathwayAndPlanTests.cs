using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Domain.Patients;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>The service pathway and the self-management plan in real Chromium: from referral to a GP-approved plan the patient sees and triage uses.</summary>
public sealed class PathwayAndPlanTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Referral_ToActiveFollowUp_WithAGpApprovedPlan_ThatThePatientSeesAndTriageUses()
    {
        // The nurse registers the referral from the board.
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync("/pathways");
        await nurse.GetByTestId("new-referral").ClickAsync();
        var form = nurse.GetByTestId("referral-form");
        await form.GetByLabel("Henvist fra").FillAsync("Fastlege Per Aas");
        await form.GetByLabel("Fødselsnummer eller D-nummer").FillAsync(SyntheticNumber());
        await form.GetByLabel("Navn").FillAsync("Randi Henvist");
        await nurse.Locator("#ref-municipality").SelectOptionAsync(new SelectOptionValue { Label = "Horten kommune" });
        await nurse.Locator("#ref-gp").SelectOptionAsync(new SelectOptionValue { Label = "Per Aas" });
        await form.GetByLabel("KOLS").CheckAsync();
        await nurse.ScreenshotAsync(new() { Path = Shot("referral-form"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer henvisning" }).ClickAsync();
        await Assertions.Expect(nurse).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]+/pathway$"), new() { Timeout = 15000 });
        var patientId = Guid.Parse(Regex.Match(nurse.Url, "/patients/([0-9a-f-]+)/pathway").Groups[1].Value);
        await Assertions.Expect(nurse.GetByTestId("pathway-state")).ToContainTextAsync("Henvist");

        await nurse.GetByTestId("start-assessment").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("pathway-state")).ToContainTextAsync("Vurdering");
        await Assertions.Expect(nurse.GetByTestId("accept")).ToBeDisabledAsync();

        // The coordinator assesses and decides.
        var coordinator = await app.SignedInPageAsync("koordinator");
        await coordinator.GotoAsync($"/patients/{patientId}/pathway");
        var checklist = coordinator.GetByTestId("checklist");
        await checklist.GetByLabel("Tilstanden kan observeres på avstand").CheckAsync();
        await coordinator.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("step-errors")).ToContainTextAsync("Ikke alle kriteriene");
        foreach (var criterion in new[] { "Pasienten er motivert", "Medisinsk forsvarlig og ønsket", "Forventet nytte", "Kan samtykke og følge en plan (ev. med pårørende)", "Kan bruke enkel teknologi", "Mobildekning hjemme" })
            await checklist.GetByLabel(criterion).CheckAsync();
        await coordinator.ScreenshotAsync(new() { Path = Shot("pathway-assessment"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(coordinator);
        await coordinator.GetByTestId("accept").ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("pathway-state")).ToContainTextAsync("Innvilget");

        // The nurse records the start-up with equipment by serial, and starts the trial period.
        await nurse.ReloadAsync();
        await nurse.GetByTestId("equipment-serial").First.FillAsync("TAB-7001");
        await nurse.GetByTestId("equipment-kind").Nth(1).FillAsync("Pulsoksymeter");
        await nurse.GetByTestId("equipment-serial").Nth(1).FillAsync("OX-7002");
        await nurse.GetByTestId("record-start-up").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("equipment")).ToContainTextAsync("OX-7002");
        await nurse.GetByTestId("start-trial").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("pathway-state")).ToContainTextAsync("Utprøving");

        // Without a GP-approved plan the follow-up cannot start.
        await nurse.GetByTestId("activate").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("step-errors")).ToContainTextAsync("fastlegen har godkjent en plan");

        // The nurse drafts the plan.
        await nurse.GetByTestId("to-plan").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("plan-status")).ToContainTextAsync("Ingen plan er godkjent");
        await nurse.Locator("#add-quantity").SelectOptionAsync("OxygenSaturation");
        var spo2 = nurse.Locator("[data-testid=threshold-row][data-quantity=OxygenSaturation]");
        await spo2.Locator("[data-bound=red-low]").FillAsync("88");
        await spo2.Locator("[data-bound=yellow-low]").FillAsync("92");
        await nurse.GetByLabel("Hva pasienten gjør ved gult").FillAsync("Ta medisinen etter planen og ring oss i dag.");
        await nurse.GetByLabel("Hva pasienten gjør ved rødt").FillAsync("Ring legevakt 116 117.");
        // A kind of report may have its own words (issue 16, finding 10); the rest keep the general ones.
        await nurse.Locator("#add-own").SelectOptionAsync("measurement:BloodGlucose");
        await nurse.GetByLabel("Blodsukker – hva pasienten gjør ved rødt").FillAsync("Spis noe søtt og mål igjen om 15 minutter.");
        await nurse.GetByTestId("own-instructions").ScreenshotAsync(new() { Path = Shot("plan-own-instruction") });
        await nurse.GetByLabel("Hva er viktig for deg? (pasientens mål)").FillAsync("Gå til butikken selv");
        await nurse.GetByLabel("Hva er endret og hvorfor").FillAsync("Første plan");
        await nurse.GetByTestId("save-plan").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("plan-message")).ToContainTextAsync("Versjon 1 er lagret som utkast");
        await Assertions.Expect(nurse.GetByTestId("draft-waiting")).ToBeVisibleAsync();

        // The GP sees the draft with its changes and alert burden, and approves it.
        var gp = await app.SignedInPageAsync("fastlege1", "/patients");
        await gp.GotoAsync($"/patients/{patientId}/plan");
        var approval = gp.GetByTestId("approval-panel");
        await Assertions.Expect(approval.GetByTestId("plan-diff")).ToContainTextAsync("SpO2: rød under");
        await Assertions.Expect(approval.GetByTestId("plan-diff")).ToContainTextAsync("Blodsukker i rødt: Spis noe søtt og mål igjen om 15 minutter.");
        await Assertions.Expect(approval.GetByTestId("burden-preview")).ToBeVisibleAsync();
        await gp.ScreenshotAsync(new() { Path = Shot("plan-approval"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(gp);
        await approval.GetByTestId("approve").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("plan-status")).ToContainTextAsync("Gjeldende: versjon 1, godkjent av Per Aas");
        await Assertions.Expect(gp.Locator("[data-testid=plan-version][data-number='1']")).ToContainTextAsync("Godkjent av Per Aas");
        var print = await gp.Context.NewPageAsync();
        await print.GotoAsync($"/patients/{patientId}/plan/print");
        await Assertions.Expect(print.GetByTestId("plan-print")).ToContainTextAsync("Gå til butikken selv");
        await print.EvaluateAsync("() => { window.__printed = 0; window.print = () => window.__printed++; }");
        await print.GetByRole(AriaRole.Button, new() { Name = "Skriv ut" }).ClickAsync();
        (await print.EvaluateAsync<int>("() => window.__printed")).ShouldBe(1, "the button prints the plan");
        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(print.GetByTestId("print-button")).ToBeHiddenAsync();
        await print.ScreenshotAsync(new() { Path = Shot("plan-print"), FullPage = true });

        // Now the nurse starts the follow-up.
        await nurse.GotoAsync($"/patients/{patientId}/pathway");
        await nurse.GetByTestId("activate").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("pathway-state")).ToContainTextAsync("Aktiv oppfølging");
        await Assertions.Expect(nurse.GetByTestId("pathway-history")).ToContainTextAsync("Siri Lunde");
        await nurse.ScreenshotAsync(new() { Path = Shot("pathway-active"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        // An evaluation is a structured assessment (and a note if wanted): without one it is refused.
        await nurse.GetByTestId("record-evaluation").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("step-errors")).ToContainTextAsync("Velg om målene er nådd");
        await nurse.GetByTestId("evaluation-goals").GetByLabel("Målene er delvis nådd").CheckAsync();
        await nurse.GetByTestId("evaluation-self-management").GetByLabel("Bedre mestring").CheckAsync();
        await nurse.GetByLabel("Pasienten føler seg tryggere hjemme").CheckAsync();
        await nurse.GetByTestId("record-evaluation").ClickAsync();
        await Assertions.Expect(nurse.Locator("body")).ToContainTextAsync("Målene er delvis nådd; Bedre mestring; føler seg tryggere; trenger hjelp til å rapportere.");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.ScreenshotAsync(new() { Path = Shot("pathway-evaluated"), FullPage = true });

        // The patient sees the plan on a lent tablet, and a new reading is judged by it.
        var tablet = await app.EnrolledTabletPageAsync("tablet", patientId: patientId);
        await tablet.GotoAsync("/pasient/plan");
        await Assertions.Expect(tablet.Locator("main")).ToContainTextAsync("Gå til butikken selv");
        await Assertions.Expect(tablet.Locator("main")).ToContainTextAsync("Ta medisinen etter planen og ring oss i dag.");
        await Assertions.Expect(tablet.GetByTestId("plan-red").GetByTestId("own-instruction")).ToHaveTextAsync("Blodsukker: Spis noe søtt og mål igjen om 15 minutter.");
        await tablet.GotoAsync("/pasient/maling/oxygen-saturation");
        await tablet.GetByLabel("Oksygenmetning", new() { Exact = true }).FillAsync("90");
        await tablet.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var yes = tablet.GetByRole(AriaRole.Button, new() { Name = "Ja, det er riktig – send" });
        await tablet.WaitForTimeoutAsync(300);
        if (await yes.IsVisibleAsync())
            await yes.ClickAsync();
        await Assertions.Expect(tablet).ToHaveURLAsync(new Regex("/pasient/resultat/"), new() { Timeout = 15000 });
        await Assertions.Expect(tablet.GetByTestId("result")).ToHaveAttributeAsync("data-zone", "yellow");
        await Assertions.Expect(tablet.GetByTestId("instruction")).ToHaveTextAsync("Ta medisinen etter planen og ring oss i dag.");
        await Assertions.Expect(tablet.GetByTestId("result-plan-version")).ToHaveTextAsync("Vurdert etter planen din, versjon 1, som fastlegen har godkjent.");
    }

    [Fact]
    public async Task TrialPatient_GpSeesProposalsFromTheTrial_AndTheBoardShowsEveryState()
    {
        var trialPatient = DemoPopulation.All[DemoPathways.TrialWithDraftIndex];
        var coordinator = await app.SignedInPageAsync("koordinator");
        await coordinator.GotoAsync("/pathways");
        var board = coordinator.GetByTestId("pathway-board");
        foreach (var state in new[] { "Referred", "Assessment", "Accepted", "TrialPeriod", "Active" })
            await Assertions.Expect(board.Locator($"section[data-state={state}] [data-testid=pathway-card]").First).ToBeVisibleAsync();
        await Assertions.Expect(board.Locator("section[data-state=TrialPeriod]")).ToContainTextAsync(trialPatient.Name);
        await Assertions.Expect(board.Locator("section[data-state=TrialPeriod]")).ToContainTextAsync("Planutkast venter på fastlege");
        await Assertions.Expect(coordinator.Locator(".closed-list")).ToContainTextAsync("Avslått");
        await coordinator.ScreenshotAsync(new() { Path = Shot("pathway-board"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(coordinator);

        var gp = await app.SignedInPageAsync(trialPatient.GpKey, "/patients");
        await gp.GotoAsync($"/patients/{trialPatient.Id}/plan");
        await Assertions.Expect(gp.GetByTestId("proposal-period")).ToContainTextAsync("utprøvingen");
        var proposal = gp.Locator("[data-testid=proposal][data-quantity=OxygenSaturation]");
        await Assertions.Expect(proposal).ToContainTextAsync("Vanlig nivå (median)");
        await Assertions.Expect(gp.GetByTestId("approval-panel").GetByTestId("burden-proposed")).ToBeVisibleAsync();
        await gp.ScreenshotAsync(new() { Path = Shot("plan-trial-proposals"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(gp);

        // Using the proposal fills the bounds, and the preview compares with no plan in force.
        await proposal.GetByTestId("use-proposal").ClickAsync();
        var row = gp.Locator("[data-testid=threshold-row][data-quantity=OxygenSaturation]");
        (await row.Locator("[data-bound=red-low]").InputValueAsync()).ShouldNotBeNullOrEmpty();
        await gp.GetByTestId("preview-burden").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("plan-editor").GetByTestId("burden-current")).ToContainTextAsync("Ingen plan");
    }

    private static string Shot(string name) => Path.Combine(BrowserApp.ScreenshotFolder, $"{name}.png");

    private static string SyntheticNumber()
    {
        for (var individual = 400; ; individual++)
        {
            if (NorwegianIdentityNumber.WithControlDigits($"158961{individual:000}") is { } number)
                return number;
        }
    }
}
