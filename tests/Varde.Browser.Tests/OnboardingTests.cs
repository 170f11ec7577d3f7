using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Server.Features.Installation;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 17's "done when", in real Chromium on SQLite and on PostgreSQL: Varde starts without demo data; the first
/// administrator sets it up, registers a second municipality the follow-up service serves and a GP office, invites a GP
/// and a nurse and imports a second nurse from CSV; a nurse sets her password, signs in and registers a referral for a
/// new patient; the administrator registers the device gateway and gives it a new secret, with which it sends a reading
/// for the patient that the nurse sees on her triage list. Every step through the screens (and the JSON API where the
/// gateway speaks).
/// </summary>
public abstract class OnboardingTests(BrowserApp app)
{
    private const string AdminPassword = "Onboarding-admin-2026";
    private const string NursePassword = "Onboarding-nurse-2026";

    [Fact]
    public async Task AMunicipality_OnboardsItself_FromAnEmptyInstallation()
    {
        // First start: the set-up code the console printed.
        var code = app.Services.GetRequiredService<FirstStart>().PendingCode.ShouldNotBeNull();
        var admin = await app.NewPageAsync(new() { ViewportSize = BrowserApp.Laptop });
        await admin.GotoAsync("/oppsett");
        await admin.GetByLabel("Oppsettkode").FillAsync(code);
        await admin.GetByLabel("Navn på oppfølgingstjenesten").FillAsync("Oppfølgingstjenesten Nordre Vestfold");
        await admin.GetByLabel("Kommunen tjenesten betjener").FillAsync("Horten kommune");
        await admin.GetByLabel("Kommunenummer (4 sifre)").FillAsync("3901");
        await admin.GetByLabel("Ditt navn").FillAsync("Tor Vik");
        await admin.GetByLabel("Brukernavn").FillAsync("tor.vik");
        await admin.GetByLabel("Passord", new() { Exact = true }).FillAsync(AdminPassword);
        await admin.GetByLabel("Passordet en gang til").FillAsync(AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sett opp Varde" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("setup-done")).ToBeVisibleAsync();
        await SignInAsync(admin, "tor.vik", AdminPassword);

        // A second municipality, served by the service; a GP office.
        await CreateOrganisationAsync(admin, "Kommune", "Holmestrand kommune", municipalityNumber: "3903");
        await admin.GotoAsync("/admin/organisasjoner");
        await admin.GetByTestId("organisations").GetByRole(AriaRole.Link, new() { Name = "Oppfølgingstjenesten Nordre Vestfold" }).ClickAsync();
        // The service's own page has arrived (and settled) before its form is touched: on a loaded machine a check made
        // while the page was still being swapped in was lost.
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Oppfølgingstjenesten Nordre Vestfold", Level = 1 })).ToBeVisibleAsync();
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await admin.GetByLabel("Holmestrand kommune (3903)").CheckAsync();
        await Assertions.Expect(admin.GetByLabel("Holmestrand kommune (3903)")).ToBeCheckedAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lagre endringene" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByLabel("Horten kommune (3901)")).ToBeCheckedAsync();
        await Assertions.Expect(admin.GetByLabel("Holmestrand kommune (3903)")).ToBeCheckedAsync();
        await CreateOrganisationAsync(admin, "Legekontor", "Horten legesenter");

        // Staff: a GP and a nurse invited on the screen, a second nurse imported from CSV after a dry run.
        await InviteAsync(admin, "Per Aas", "Fastlege", "Horten legesenter (Legekontor)", "per.aas", hpr: "9100011");
        var nurseLink = await InviteAsync(admin, "Kari Holm", "Sykepleier", "Oppfølgingstjenesten Nordre Vestfold (Oppfølgingstjeneste)", "kari.holm");
        await admin.GotoAsync("/admin/ansatte/import");
        var csv = "navn;rolle;organisasjon;hpr;brukernavn\nAnders Berg;sykepleier;Oppfølgingstjenesten Nordre Vestfold;;anders.berg\n";
        await admin.GetByLabel("CSV-fil").FillAsync(csv);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Kontroller (skriver ingenting)" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("import-result")).ToHaveAttributeAsync("data-problems", "0");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Importer", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("import-links")).ToContainTextAsync("anders.berg");
        await Accessibility.ShouldHaveNoViolationsAsync(admin);

        // The nurse chooses her password with the link and signs in to the (empty) triage list.
        var nurse = await app.NewPageAsync(new() { ViewportSize = BrowserApp.Laptop });
        await nurse.GotoAsync(nurseLink);
        await nurse.GetByLabel("Passord", new() { Exact = true }).FillAsync(NursePassword);
        await nurse.GetByLabel("Passordet en gang til").FillAsync(NursePassword);
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Lagre passordet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("password-set")).ToBeVisibleAsync();
        await SignInAsync(nurse, "kari.holm", NursePassword);
        await Assertions.Expect(nurse).ToHaveURLAsync(new Regex("/worklist$"));

        // She registers a referral for a new patient from Holmestrand, listed with Per Aas.
        await nurse.GotoAsync("/pathways");
        await nurse.GetByTestId("new-referral").ClickAsync();
        var form = nurse.GetByTestId("referral-form");
        await form.GetByLabel("Henvist fra").FillAsync("Fastlege Per Aas");
        await form.GetByLabel("Fødselsnummer eller D-nummer").FillAsync("04055040503");
        await form.GetByLabel("Navn").FillAsync("Randi Ny");
        await nurse.Locator("#ref-municipality").SelectOptionAsync(new SelectOptionValue { Label = "Holmestrand kommune" });
        await nurse.Locator("#ref-gp").SelectOptionAsync(new SelectOptionValue { Label = "Per Aas" });
        await form.GetByLabel("KOLS").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer henvisning" }).ClickAsync();
        await Assertions.Expect(nurse).ToHaveURLAsync(new Regex("/patients/[0-9a-f-]+/pathway$"));
        await Assertions.Expect(nurse.GetByTestId("pathway-state")).ToContainTextAsync("Henvist");
        var patientId = Guid.Parse(Regex.Match(nurse.Url, "/patients/([0-9a-f-]+)/pathway").Groups[1].Value);
        await nurse.GotoAsync("/patients?q=randi");
        await Assertions.Expect(nurse.GetByTestId("patient-row")).ToContainTextAsync("Holmestrand kommune");
        await Assertions.Expect(nurse.GetByTestId("patient-row")).ToContainTextAsync("Per Aas");
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, $"onboarding-{Name}-patients.png"), FullPage = true });

        // The administrator registers the service's device gateway and gives it a new secret; with it, the gateway sends a
        // reading for the new patient, and the nurse has it on her triage list.
        await admin.GotoAsync("/admin/gatewayer");
        var register = admin.GetByTestId("register-gateway");
        await register.GetByLabel("Navn", new() { Exact = true }).FillAsync("Målehub Nordre Vestfold");
        await register.GetByLabel("Klient-ID").FillAsync("malehub.nordre-vestfold");
        await register.GetByLabel("Oppfølgingstjeneste").SelectOptionAsync(new SelectOptionValue { Label = "Oppfølgingstjenesten Nordre Vestfold" });
        await register.GetByRole(AriaRole.Button, new() { Name = "Registrer gatewayen" }).ClickAsync();
        var first = await admin.GetByTestId("gateway-secret").InnerTextAsync();
        await admin.GetByTestId("gateways").GetByRole(AriaRole.Link, new() { Name = "Målehub Nordre Vestfold" }).ClickAsync();
        await admin.GetByLabel("Overlapping (timer)").FillAsync("0");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lag ny hemmelighet" }).ClickAsync();
        var secret = await admin.GetByTestId("gateway-secret").InnerTextAsync();
        secret.ShouldNotBe(first);
        await Accessibility.ShouldHaveNoViolationsAsync(admin);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        (await TokenAsync(http, "malehub.nordre-vestfold", first)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized, "the old secret ended with no overlap");
        using var token = await TokenAsync(http, "malehub.nordre-vestfold", secret);
        token.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString();
        using var reading = new HttpRequestMessage(HttpMethod.Post, $"/api/patients/{patientId}/measurements")
        {
            Content = JsonContent.Create(new { clientId = "hub-1", type = "oxygen-saturation", value = 91, unit = "%", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-5) }),
        };
        reading.Headers.Authorization = new("Bearer", accessToken);
        var sent = await http.SendAsync(reading);
        sent.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        await nurse.GotoAsync("/worklist");
        await Assertions.Expect(nurse.Locator("[data-testid=worklist-row][data-patient='Randi Ny']")).ToBeVisibleAsync();
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, $"onboarding-{Name}-worklist.png"), FullPage = true });

        // The log holds every administrative change, by the administrator.
        await admin.GotoAsync("/admin/logg");
        var entries = admin.GetByTestId("audit-entries");
        await Assertions.Expect(entries).ToContainTextAsync("Holmestrand kommune");
        await Assertions.Expect(entries).ToContainTextAsync("Importert");
        await Assertions.Expect(entries).ToContainTextAsync("Målehub Nordre Vestfold");
        await Assertions.Expect(entries.Locator("tbody tr")).ToHaveCountAsync(11);
    }

    protected abstract string Name { get; }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient http, string clientId, string secret) =>
        http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    private static async Task CreateOrganisationAsync(IPage admin, string kind, string name, string? municipalityNumber = null)
    {
        await admin.GotoAsync("/admin/organisasjoner");
        var create = admin.GetByTestId("create-organisation");
        await create.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await create.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        if (municipalityNumber is not null)
            await create.GetByLabel("Kommunenummer").FillAsync(municipalityNumber);
        await create.GetByRole(AriaRole.Button, new() { Name = "Registrer organisasjonen" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("saved")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync(name);
    }

    /// <summary>Invites a staff member on the screen; returns the one-time set-up link.</summary>
    private static async Task<string> InviteAsync(IPage admin, string name, string role, string organisation, string userName, string? hpr = null)
    {
        await admin.GotoAsync("/admin/ansatte");
        var invite = admin.GetByTestId("invite-staff");
        await invite.GetByLabel("Navn", new() { Exact = true }).FillAsync(name);
        await invite.GetByLabel("Rolle").SelectOptionAsync(new SelectOptionValue { Label = role });
        await invite.GetByLabel("Arbeider i").SelectOptionAsync(new SelectOptionValue { Label = organisation });
        if (hpr is not null)
            await invite.GetByLabel("HPR-nummer").FillAsync(hpr);
        await invite.GetByLabel("Brukernavn").FillAsync(userName);
        await invite.GetByRole(AriaRole.Button, new() { Name = "Inviter" }).ClickAsync();
        var link = await admin.GetByTestId("setup-link").InnerTextAsync();
        link.ShouldContain("/velg-passord?bruker=");
        return link;
    }
}

public sealed class OnboardingOnSqliteTests(EmptyBrowserApp app) : OnboardingTests(app), IClassFixture<EmptyBrowserApp>
{
    protected override string Name => "sqlite";
}

public sealed class OnboardingOnPostgresTests(EmptyPostgresBrowserApp app) : OnboardingTests(app), IClassFixture<EmptyPostgresBrowserApp>
{
    protected override string Name => "postgres";
}
