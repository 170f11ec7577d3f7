using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17 item 5 in the browser: the demo's administrator registers a device gateway (the secret is shown once and
/// works), sees what it sent, and changes its secret with an overlap; the equipment register: the administrator adds
/// equipment without seeing patients, a nurse lends an item by fødselsnummer, sees who has it and takes it back. axe on
/// every screen.
/// </summary>
public sealed class GatewaysAndEquipmentTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task AnAdministrator_RegistersAGateway_SeesTheSecretOnce_AndRotatesIt()
    {
        var page = await app.SignedInPageAsync("admin", "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Gatewayer" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Enhetsgatewayer");
        await Assertions.Expect(page.GetByTestId("gateways")).ToContainTextAsync("Demo device gateway");

        var form = page.GetByTestId("register-gateway");
        await form.GetByLabel("Klient-ID").FillAsync("Omron Hub");
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer gatewayen" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-field=clientId]")).ToContainTextAsync("3–100 tegn");
        await Assertions.Expect(page.Locator("[data-field=name]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=serviceId]")).ToContainTextAsync("Velg oppfølgingstjenesten");
        await Shot(page, "admin-gateway-errors");

        await form.GetByLabel("Navn", new() { Exact = true }).FillAsync("Omron-hub Horten");
        await form.GetByLabel("Klient-ID").FillAsync("omron-hub.horten");
        await form.GetByLabel("Oppfølgingstjeneste").SelectOptionAsync(new SelectOptionValue { Label = "Oppfølgingstjenesten Vestfold (demo)" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer gatewayen" }).ClickAsync();
        var secret = await page.GetByTestId("gateway-secret").InnerTextAsync();
        secret.Length.ShouldBe(43);
        await Assertions.Expect(page.GetByTestId("gateway-secret-notice")).ToContainTextAsync("vises bare denne ene gangen");
        await Assertions.Expect(page.GetByTestId("gateways")).ToContainTextAsync("omron-hub.horten");
        await Shot(page, "admin-gateway-registered");

        // The secret works: the gateway gets a token and sends a reading for a patient of the service.
        using var gateway = await GatewayAsync("omron-hub.horten", secret);
        (await SendAsync(gateway)).StatusCode.ShouldBe(HttpStatusCode.Created);

        await page.GetByTestId("gateways").GetByRole(AriaRole.Link, new() { Name = "Omron-hub Horten" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Omron-hub Horten");
        await Assertions.Expect(page.GetByTestId("gateway-activity")).ToContainTextAsync("1 siste døgn");
        (await page.Locator("body").InnerTextAsync()).ShouldNotContain(secret, customMessage: "the secret is shown once only");
        await page.GetByLabel("Overlapping (timer)").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lag ny hemmelighet" }).ClickAsync();
        var fresh = await page.GetByTestId("gateway-secret").InnerTextAsync();
        fresh.ShouldNotBe(secret);
        await Assertions.Expect(page.GetByTestId("secrets").Locator("tbody tr")).ToHaveCountAsync(2);
        await Shot(page, "admin-gateway-rotated");

        // During the overlap both secrets work.
        using (var old = await GatewayAsync("omron-hub.horten", secret))
            (await SendAsync(old)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var renewed = await GatewayAsync("omron-hub.horten", fresh))
            (await SendAsync(renewed)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.GetByTestId("gateway-activity")).ToContainTextAsync("3 siste døgn");
        await Assertions.Expect(page.GetByTestId("secrets").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("gateway-secret")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheEquipmentRegister_AdministratorAddsWithoutSeeingPatients_NurseLendsAndTakesBack()
    {
        var admin = await app.SignedInPageAsync("admin", "/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Utstyr" }).First.ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Utstyrsregister");
        await Assertions.Expect(admin.GetByTestId("equipment")).ToContainTextAsync("TAB-1000");
        await Assertions.Expect(admin.GetByTestId("holder")).ToHaveCountAsync(0);
        await admin.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Batteri/service forfalt" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("equipment")).ToContainTextAsync("BP-2900");
        await Assertions.Expect(admin.GetByTestId("equipment")).Not.ToContainTextAsync("TAB-");
        await Shot(admin, "equipment-admin-service-due");

        var add = admin.GetByTestId("add-equipment");
        await add.GetByLabel("Serienummer").FillAsync("BP-2900");
        await add.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-field=kind]")).ToContainTextAsync("Velg hva slags utstyr");
        await Assertions.Expect(admin.Locator("[data-field=serviceId]")).ToBeVisibleAsync();
        await add.GetByLabel("Oppfølgingstjeneste").SelectOptionAsync(new SelectOptionValue { Label = "Oppfølgingstjenesten Vestfold (demo)" });
        await add.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Blodtrykksmåler" });
        await add.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-field=serialNumber]")).ToContainTextAsync("kan ikke være brukt på annet utstyr");
        await add.GetByLabel("Serienummer").FillAsync("bp-2950");
        await add.GetByLabel("Merke og modell").FillAsync("Omron M7 Intelli IT");
        await add.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("saved")).ToContainTextAsync("Blodtrykksmåler BP-2950 er lagt til");

        // The nurse lends it to a patient by fødselsnummer, and sees who has it.
        var patient = DemoPopulation.All[1];
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Utstyr" }).First.ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("holder").First).ToBeVisibleAsync();
        await nurse.GetByLabel("Serienummer").FillAsync("BP-29");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Vis" }).ClickAsync();
        await nurse.GetByTestId("equipment").GetByRole(AriaRole.Link, new() { Name = "BP-2950" }).ClickAsync();
        await nurse.GetByLabel("Fødselsnummer eller D-nummer").FillAsync("12345678901");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Lån ut utstyret" }).ClickAsync();
        await Assertions.Expect(nurse.Locator("[data-field=identityNumber]")).ToContainTextAsync("en pasient tjenesten din følger");
        await nurse.GetByLabel("Fødselsnummer eller D-nummer").FillAsync(patient.IdentityNumber);
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Lån ut utstyret" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("holder")).ToHaveTextAsync(patient.Name);
        await Assertions.Expect(nurse.GetByTestId("loans")).ToContainTextAsync(patient.Name);
        await Shot(nurse, "equipment-nurse-lent");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Registrer at det er levert tilbake" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(nurse.GetByTestId("loans")).ToContainTextAsync("Kari Holm");
        await Assertions.Expect(nurse.GetByTestId("hand-out")).ToBeVisibleAsync();

        // The administrator sees the loan, not the patient.
        await admin.GotoAsync("/utstyr?serienr=BP-2950");
        await admin.GetByTestId("equipment").GetByRole(AriaRole.Link, new() { Name = "BP-2950" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("loans")).ToContainTextAsync("ikke vist for administrator");
        await Assertions.Expect(admin.GetByTestId("loans")).Not.ToContainTextAsync(patient.Name);
        await Shot(admin, "equipment-admin-item");
    }

    [Fact]
    public async Task TheStartUp_OffersTheSerialNumbersInStore()
    {
        var accepted = DemoPopulation.Referred[2];
        var nurse = await app.SignedInPageAsync("sykepleier1");

        await nurse.GotoAsync($"/patients/{accepted.Id}/pathway");

        await Assertions.Expect(nurse.GetByTestId("record-start-up")).ToBeVisibleAsync();
        await Assertions.Expect(nurse.Locator("#register-serials option[value='TAB-1900']")).ToHaveCountAsync(1);
        await Assertions.Expect(nurse.Locator("#register-serials option[value='BP-2999']")).ToHaveCountAsync(0);
        await nurse.GetByTestId("pathway-actions").ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "pathway-start-up-register.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
    }

    private async Task<HttpClient> GatewayAsync(string clientId, string secret)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient gateway) =>
        gateway.PostAsJsonAsync($"/api/patients/{DemoPopulation.All[0].Id}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "pulse", value = 72, unit = "/min", effectiveAt = app.Clock.GetUtcNow() });

    private static async Task Shot(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }
}
