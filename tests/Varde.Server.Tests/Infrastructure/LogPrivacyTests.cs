using System.Net;
using System.Net.Http.Json;

namespace Varde.Server.Tests.Infrastructure;

public sealed class LogPrivacyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Logs_AfterEnrolMeasureReadAndFailedLogin_HoldNoIdentityNumbersNamesOrValues()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var enrolled = await nurse.PostAsJsonAsync("/api/patients", new
        {
            identityNumber = "10915596784", name = "Hemmelig Hansen", municipalityId = TestWorld.Horten, diagnoses = new[] { "copd" },
        });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await nurse.PostAsJsonAsync("/api/patients", new { identityNumber = "13097248032", name = "Ugyldig Utvik", municipalityId = TestWorld.Horten }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", new
        {
            clientId = "privacy-1", type = "oxygen-saturation", value = 83.7m, unit = "%", effectiveAt = app.Clock.GetUtcNow(),
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await nurse.GetStringAsync($"/api/patients/{TestWorld.PatientA}/measurements");
        await nurse.GetStringAsync("/api/patients");
        using var anonymous = app.CreateClient();
        await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", "Hemmelig-passord")]));

        var logs = string.Join("\n", app.Logs.Lines);

        app.Logs.Lines.Count.ShouldBeGreaterThan(20);
        logs.ShouldContain("triage red");
        string[] personal = ["10915596784", "13097248032", "13097248022", "Hemmelig Hansen", "Ugyldig Utvik", "Anna Pasient", "Bjarne", "83.7", "83,7",
            "Hemmelig-passord", TestWorld.Password];
        foreach (var secret in personal)
            logs.ShouldNotContain(secret, Case.Sensitive, $"the logs contain personal or secret data: {secret}");
    }
}
