using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

public sealed partial class TokenAndLoginTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Token_ClientCredentialsWithWrongSecret_IsRefused()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "client_credentials"), new("client_id", TestWorld.GatewayClientId), new("client_secret", "wrong")]));

        response.IsSuccessStatusCode.ShouldBeFalse();
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
    }

    [Fact]
    public async Task Token_PasswordGrantWithWrongPassword_IsInvalidGrant()
    {
        using var client = app.CreateClient();

        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", "not-the-password")]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid_grant");
    }

    [Fact]
    public async Task Gateway_RecordsForItsServiceOnly_AndCannotReadPatientData()
    {
        var gateway = await app.GatewayClientAsync();
        object Reading() => new { clientId = Guid.NewGuid().ToString(), type = "pulse", value = 70m, unit = "/min", effectiveAt = app.Clock.GetUtcNow() };

        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", Reading())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientSouth}/measurements", Reading())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gateway.GetAsync($"/api/patients/{TestWorld.PatientB}/measurements")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Root_NotSignedIn_RedirectsToLogin()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task Login_WithCorrectPassword_SignsInAndShowsRoleAndOrganisation()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        var page = await PostLoginAsync(browser, "nurse.north", TestWorld.Password);

        page.ShouldContain("Nora Nord");
        page.ShouldContain("Sykepleier");
        page.ShouldContain("Nord");
        page.ShouldContain("Logg ut");
    }

    [Fact]
    public async Task Login_WithWrongPassword_ShowsErrorAndStaysSignedOut()
    {
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        var page = await PostLoginAsync(browser, "nurse.north", "wrong-password");

        page.ShouldContain("Feil brukernavn eller passord, eller kontoen er");
        (await browser.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/login");
    }

    [Fact]
    public async Task TokenAndSession_LastByTheServersClock_NotTheWallClock()
    {
        // The app's clock starts at TestClock.Start, far from the wall clock: tokens and the session cookie work at
        // that time and end 30 minutes later by that clock.
        var nurse = await app.ClientForAsync("nurse.north");
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        (await PostLoginAsync(browser, "nurse.north", TestWorld.Password)).ShouldContain("Logg ut");
        (await nurse.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath.ShouldNotBe("/login");

        app.Clock.Advance(TimeSpan.FromMinutes(31));

        (await nurse.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/")).RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/login");
    }

    [Fact]
    public async Task Health_LivenessAndReadiness_AreHealthy()
    {
        using var client = app.CreateClient();

        (await client.GetStringAsync("/healthz")).ShouldBe("Healthy");
        (await client.GetStringAsync("/readyz")).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Metrics_ArePublishedWithoutPersonalData()
    {
        var gateway = await app.GatewayClientAsync();
        await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = 97m, unit = "%", effectiveAt = app.Clock.GetUtcNow() });
        using var client = app.CreateClient();

        var metrics = await client.GetStringAsync("/metrics");

        metrics.ShouldContain("varde_measurements_recorded_total");
        metrics.ShouldNotContain("13097248022");
        metrics.ShouldNotContain(TestWorld.PatientA.ToString());
    }

    internal static async Task<string> PostLoginAsync(HttpClient browser, string user, string password)
    {
        var form = await browser.GetStringAsync("/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("Input.UserName", user), new("Input.Password", password),
        ]));
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
