using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.PatientApp;

/// <summary>Lent tablets (issue, enrol through the real form, revoke) and the patient's own API, over HTTP on both databases.</summary>
public abstract partial class TabletAndPatientApiTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<string> IssueCodeAsync(Guid patient)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var response = await nurse.PostAsJsonAsync($"/api/patients/{patient}/tablets", new { label = "Nettbrett 7" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    /// <summary>A browser-like client (cookies) that enrolled a tablet by posting the enrol page's form with its antiforgery token.</summary>
    private async Task<HttpClient> EnrolledTabletAsync(string code, string pin = "4711")
    {
        var tablet = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await tablet.GetStringAsync("/pasient/registrer");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var response = await tablet.PostAsync("/pasient/registrer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enrol", ["__RequestVerificationToken"] = token, ["Input.Code"] = code, ["Input.Pin"] = pin, ["Input.PinAgain"] = pin,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldEndWith("/pasient");
        return tablet;
    }

    [Fact]
    public async Task Tablet_IssuedEnrolledUsedAndRevoked()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var code = await IssueCodeAsync(patient);
        code.ShouldMatch("^[0-9]{8}$");

        var tablet = await EnrolledTabletAsync(code);
        (await tablet.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reading = Reading("oxygen-saturation", 95m, Now.AddMinutes(-1), clientId: "tablet-reading-1");
        var first = await tablet.PostAsJsonAsync("/pasient/api/measurements", reading);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        var again = await tablet.PostAsJsonAsync("/pasient/api/measurements", reading);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        // The patient cookie is for /pasient only: the staff API does not know it.
        (await tablet.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var nurse = await app.ClientForAsync("nurse.north");
        var tablets = await nurse.GetFromJsonAsync<JsonElement>($"/api/patients/{patient}/tablets");
        var entry = tablets.EnumerateArray().Single();
        entry.GetProperty("state").GetString().ShouldBe("enrolled");
        entry.TryGetProperty("pinHash", out _).ShouldBeFalse();
        (await nurse.PostAsync($"/api/patients/{patient}/tablets/{entry.GetProperty("id").GetGuid()}/revoke", null)).EnsureSuccessStatusCode();

        (await tablet.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var measurements = await nurse.GetFromJsonAsync<JsonElement>($"/api/patients/{patient}/measurements");
        measurements.EnumerateArray().Count(m => m.GetProperty("clientId").GetString() == "tablet-reading-1").ShouldBe(1);
    }

    [Fact]
    public async Task Tablets_AreOnlyForTheServiceThatFollowsThePatient()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));

        var south = await app.ClientForAsync("nurse.south");
        (await south.PostAsJsonAsync($"/api/patients/{patient}/tablets", new { label = "X" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var gp = await app.ClientForAsync("gp");
        (await gp.GetAsync($"/api/patients/{patient}/tablets")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var nurse = await app.ClientForAsync("nurse.north");
        var blank = await nurse.PostAsJsonAsync($"/api/patients/{patient}/tablets", new { label = " " });
        blank.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WrongCode_DoesNotEnrol_AndAPatientSeesOnlyOwnResults()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));
        var code = await IssueCodeAsync(patient);
        var wrong = code == "00000000" ? "00000001" : "00000000";
        var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var page = await stranger.GetStringAsync("/pasient/registrer");
        var response = await stranger.PostAsync("/pasient/registrer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enrol", ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
            ["Input.Code"] = wrong, ["Input.Pin"] = "4711", ["Input.PinAgain"] = "4711",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Koden stemmer ikke");
        (await stranger.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var gateway = await app.GatewayClientAsync();
        var othersReading = await gateway.PostAsJsonAsync($"/api/patients/{other}/measurements", Reading("oxygen-saturation", 85m, Now.AddMinutes(-2)));
        var othersId = (await othersReading.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var tablet = await EnrolledTabletAsync(code);

        var result = await tablet.GetStringAsync($"/pasient/resultat/{othersId}");

        result.ShouldContain("Fant ikke dette svaret");
        result.ShouldNotContain("85 %");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class TabletAndPatientApiOnSqliteTests(SqliteApp app) : TabletAndPatientApiTests(app), IClassFixture<SqliteApp>;

public sealed class TabletAndPatientApiOnPostgresTests(PostgresApp app) : TabletAndPatientApiTests(app), IClassFixture<PostgresApp>;
