using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Varde.Server.Demo;
using Varde.Server.Features.Patients;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 19 item 2 in real Chromium: the alert panel has the patient's number and next of kin as call links (what
/// "Kontaktet pasienten" needs), and a nurse records a missing number on the patient page.
/// </summary>
public sealed class PatientContactTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheAlertPanel_HasCallLinks_ForThePatientAndTheNextOfKin()
    {
        var nurse = await app.SignedInPageAsync("sykepleier1");
        var row = nurse.GetByTestId("worklist-row").Filter(new() { Has = nurse.GetByTestId("open-alert") }).First;
        var patientId = Guid.Parse((await row.GetAttributeAsync("data-patient-id"))!);
        var patient = DemoPopulation.All.Single(p => p.Id == patientId);
        var expected = ContactResponse.From(patient.Contact);

        await row.GetByTestId("open-alert").ClickAsync();

        var panel = nurse.GetByTestId("alert-panel");
        var lines = panel.GetByTestId("contact-lines");
        if (expected.Phone is { } phone)
        {
            var call = lines.GetByRole(AriaRole.Link, new() { Name = $"Ring pasienten på {phone.Number}" });
            await Assertions.Expect(call).ToHaveAttributeAsync("href", phone.Tel);
        }
        else
        {
            await Assertions.Expect(lines.GetByTestId("no-phone")).ToHaveTextAsync("Ikke registrert");
        }

        if (expected.NextOfKin is { } kin)
        {
            await Assertions.Expect(lines.GetByTestId("next-of-kin")).ToHaveTextAsync($"{kin.Name} ({kin.Relation})");
            await Assertions.Expect(lines.GetByTestId("call-next-of-kin")).ToHaveAttributeAsync("href", kin.Phone.Tel);
        }

        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "alert-panel-contact.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
    }

    [Fact]
    public async Task ANurseRecordsAMissingNumberAndTheNextOfKin_OnThePatientPage_AndABadNumberIsExplained()
    {
        var patient = DemoPopulation.All.First(p => p.Contact.Phone is null && p.Contact.NextOfKin is not null);
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{patient.Id}");
        var panel = nurse.GetByTestId("contact-panel");
        await Assertions.Expect(panel.GetByTestId("no-phone")).ToHaveTextAsync("Ikke registrert");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Endre kontaktinformasjon" }).ClickAsync();
        await Assertions.Expect(panel.GetByLabel("Telefon", new() { Exact = true })).ToBeFocusedAsync();
        await panel.GetByLabel("Telefon", new() { Exact = true }).FillAsync("912 34");
        await panel.GetByLabel("Navn").FillAsync("Eva Lunde");
        await panel.GetByLabel("Relasjon (f.eks. datter)").FillAsync("niese");
        await panel.GetByLabel("Telefon til pårørende").FillAsync("+47 987 65 432");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Lagre kontaktinformasjon" }).ClickAsync();

        var phoneField = panel.GetByLabel("Telefon", new() { Exact = true });
        await Assertions.Expect(phoneField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(panel.Locator("#contact-phone-error")).ToContainTextAsync("8 til 15 sifre");
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-contact-refused.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        await phoneField.FillAsync("912 34 567");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Lagre kontaktinformasjon" }).ClickAsync();

        await Assertions.Expect(panel.GetByTestId("contact-status")).ToHaveTextAsync("Kontaktinformasjonen er lagret.");
        await Assertions.Expect(panel.GetByTestId("call-patient")).ToHaveAttributeAsync("href", "tel:91234567");
        await Assertions.Expect(panel.GetByTestId("next-of-kin")).ToHaveTextAsync("Eva Lunde (niese)");
        await Assertions.Expect(panel.GetByTestId("call-next-of-kin")).ToHaveAttributeAsync("href", "tel:+4798765432");
        await panel.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-contact-saved.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);

        var api = await app.ApiClientAsync("sykepleier1");
        var stored = await api.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.Id}");
        stored.GetProperty("contact").GetProperty("phone").GetProperty("tel").GetString().ShouldBe("tel:91234567");

        // The GP sees the numbers, not the form.
        var gp = await app.SignedInPageAsync(patient.GpKey, "/patients");
        await gp.GotoAsync($"/patients/{patient.Id}");
        await Assertions.Expect(gp.GetByTestId("contact-panel").GetByTestId("call-patient")).ToHaveTextAsync("912 34 567");
        await Assertions.Expect(gp.GetByTestId("edit-contact")).ToHaveCountAsync(0);
    }
}
