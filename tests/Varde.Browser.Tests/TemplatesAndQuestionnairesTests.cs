using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 7 in the browser: the demo's administrator changes a plan template and a nurse starts a patient's plan
/// from it; the administrator imports a FHIR questionnaire (refused item by item first), previews it in the patient
/// app's own frame, and publishes it. axe on every screen, and screenshots.
/// </summary>
public sealed class TemplatesAndQuestionnairesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Pain = """
        {
          "resourceType": "Questionnaire", "id": "pain", "url": "https://example.org/fhir/Questionnaire/pain", "version": "1", "status": "draft",
          "title": "Smerter",
          "item": [
            { "linkId": "has-pain", "text": "Har du vondt i dag?", "type": "choice", "required": true,
              "answerOption": [ { "valueCoding": { "code": "yes", "display": "Ja" } }, { "valueCoding": { "code": "no", "display": "Nei" } } ] },
            { "linkId": "pain-level", "text": "Hvor vondt, fra 0 til 10?", "type": "integer", "required": true,
              "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/minValue", "valueInteger": 0 },
                             { "url": "http://hl7.org/fhir/StructureDefinition/maxValue", "valueInteger": 10 } ],
              "enableWhen": [ { "question": "has-pain", "operator": "=", "answerCoding": { "code": "yes" } } ] },
            { "linkId": "where", "text": "Hvor har du vondt?", "type": "text", "required": false,
              "item": [ { "linkId": "where.help", "text": "Skriv med egne ord.", "type": "display" } ] }
          ]
        }
        """;

    [Fact]
    public async Task AnAdministratorChangesATemplate_AndANurseStartsAPatientsPlanFromIt()
    {
        var admin = await app.SignedInPageAsync("admin", "/");
        await admin.GetByTestId("admin-links").GetByRole(AriaRole.Link, new() { Name = "Planmaler" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("templates")).ToContainTextAsync("KOLS – standard");
        await Shot(admin, "templates");

        await admin.GetByTestId("templates").GetByRole(AriaRole.Link, new() { Name = "KOLS – standard" }).ClickAsync();
        var spo2 = admin.Locator("[data-testid=template-thresholds] [data-testid=threshold-row][data-quantity=OxygenSaturation]");
        await Assertions.Expect(spo2.Locator("[data-bound=red-low]")).ToHaveValueAsync("88");
        await Shot(admin, "template-edit");
        await admin.GetByTestId("template-schedule").ScreenshotAsync(new() { Path = Path("template-schedule") });
        await admin.GetByTestId("template-rules").ScreenshotAsync(new() { Path = Path("template-rules") });

        // A name is required: the refusal is shown in bokmål with the API's words as the detail.
        await admin.GetByLabel("Navn", new() { Exact = true }).FillAsync("");
        await admin.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("template-errors")).ToContainTextAsync("Skriv et navn");
        await Assertions.Expect(admin.GetByLabel("Navn", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Accessibility.ShouldHaveNoViolationsAsync(admin);
        await admin.GetByTestId("template-errors").ScreenshotAsync(new() { Path = Path("template-errors") });

        await admin.GetByLabel("Navn", new() { Exact = true }).FillAsync("KOLS – standard");
        await spo2.Locator("[data-bound=red-low]").FillAsync("87");
        await admin.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("p.sub").First).ToContainTextAsync("Versjon 2");

        // A new template for another group: a threshold and a weekly questionnaire.
        await admin.GotoAsync("/admin/planmaler");
        await admin.GetByTestId("new-template").ClickAsync();
        await admin.GetByLabel("Navn", new() { Exact = true }).FillAsync("Kreft – symptomer");
        await admin.GetByLabel("Diagnosegruppe").SelectOptionAsync(new SelectOptionValue { Label = "Kreft" });
        await admin.Locator("#add-quantity").SelectOptionAsync("BodyTemperature");
        var temperature = admin.Locator("[data-testid=threshold-row][data-quantity=BodyTemperature]");
        await temperature.Locator("[data-bound=yellow-high]").FillAsync("38");
        await temperature.Locator("[data-bound=red-high]").FillAsync("38,5");
        await admin.GetByTestId("add-schedule").ClickAsync();
        await admin.GetByLabel("Hva skal sendes, rad 1").SelectOptionAsync(new SelectOptionValue { Label = "Spørreskjema «Daglige spørsmål»" });
        await admin.GetByTestId("save-template").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/planmaler/[0-9a-f-]+\\?lagret=1$"));
        await Assertions.Expect(admin.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Kreft – symptomer");
        await Assertions.Expect(admin.Locator("[data-testid=threshold-row][data-quantity=BodyTemperature] [data-bound=red-high]")).ToHaveValueAsync("38,5");
        await Assertions.Expect(admin.Locator("#add-quantity")).ToHaveValueAsync("", new() { Timeout = 5000 });

        // A nurse starts the plan of a patient in the trial period (no plan yet) from the template.
        var patient = DemoPopulation.All.First(p => p.Index % 13 == 12 && p.Index != DemoPathways.TrialWithDraftIndex);
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{patient.Id}/plan");
        var pick = nurse.GetByTestId("template-pick");
        await pick.GetByLabel("Start fra en mal").SelectOptionAsync(new SelectOptionValue { Label = "KOLS – standard (KOLS)" });
        await pick.GetByTestId("use-template").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("template-used")).ToContainTextAsync("«KOLS – standard» (versjon 2)");
        await Assertions.Expect(nurse.GetByTestId("template-used")).ToContainTextAsync("Spørreskjema «Daglige spørsmål»");
        var row = nurse.Locator("[data-testid=threshold-row][data-quantity=OxygenSaturation]");
        await Assertions.Expect(row.Locator("[data-bound=red-low]")).ToHaveValueAsync("87");
        await Assertions.Expect(nurse.GetByLabel("Hva er endret og hvorfor")).ToHaveValueAsync("Startet fra malen «KOLS – standard» (versjon 2)");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.GetByTestId("plan-editor").ScreenshotAsync(new() { Path = Path("plan-from-template") });
        await nurse.GetByTestId("save-plan").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("plan-message")).ToContainTextAsync("Versjon 1 er lagret som utkast");
        await Assertions.Expect(nurse.GetByTestId("draft-waiting")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAdministratorImportsAQuestionnaire_PreviewsItAsThePatientWillSeeIt_AndPublishesIt()
    {
        var admin = await app.SignedInPageAsync("admin", "/");
        await admin.GotoAsync("/admin/sporreskjema");
        await Assertions.Expect(admin.GetByTestId("questionnaires")).ToContainTextAsync("Daglige spørsmål");

        // What Varde cannot show and judge is refused, naming the item.
        await admin.GetByLabel("… eller lim inn JSON").FillAsync(Pain.Replace("\"type\": \"text\"", "\"type\": \"open-choice\"", StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Importer som utkast" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("import-errors")).ToContainTextAsync("Spørsmålet «where» har en type Varde ikke kan vise og vurdere");
        await Assertions.Expect(admin.GetByTestId("import-errors")).ToContainTextAsync("open-choice");
        await Shot(admin, "questionnaire-import-errors");

        await admin.GetByLabel("… eller lim inn JSON").FillAsync(Pain);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Importer som utkast" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/sporreskjema/pain\\?importert=1$"));
        await Assertions.Expect(admin.GetByTestId("saved")).ToContainTextAsync("importert som utkast");
        await Assertions.Expect(admin.GetByTestId("versions")).ToContainTextAsync("Utkast");
        await Assertions.Expect(admin.GetByTestId("items")).ToContainTextAsync("has-pain = yes");
        await Shot(admin, "questionnaire-draft");

        // The preview is the patient app's own form: the follow-up question shows after "Ja", answers are checked, nothing is sent.
        await admin.GetByTestId("preview-link").ClickAsync();
        var preview = admin.GetByTestId("questionnaire-preview");
        await Assertions.Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Smerter" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel("Hvor vondt, fra 0 til 10?")).ToBeHiddenAsync();
        await admin.GetByLabel("Ja").CheckAsync();
        await Assertions.Expect(admin.GetByLabel("Hvor vondt, fra 0 til 10?")).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send svarene" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#pain-level-error")).ToContainTextAsync("Svar på dette spørsmålet.");
        await admin.GetByLabel("Hvor vondt, fra 0 til 10?").FillAsync("4");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send svarene" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-form-error]")).ToContainTextAsync("ikke sendt");
        await Shot(admin, "questionnaire-preview");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Tilbake til skjemaet" }).ClickAsync();
        await admin.GetByTestId("publish").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("saved")).ToContainTextAsync("Versjon 1 er tatt i bruk");
        await Assertions.Expect(admin.GetByTestId("versions")).ToContainTextAsync("I bruk");
        await Shot(admin, "questionnaire-published");
    }

    private static string Path(string name) => System.IO.Path.Combine(BrowserApp.ScreenshotFolder, $"{name}.png");

    private static async Task Shot(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path(name), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }
}
