using System.Net;
using System.Net.Http.Json;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

/// <summary>The JSON API honours a token's SMART scopes as the FHIR API does: a narrowed token cannot do more through /api.</summary>
public abstract class ApiScopeTests(VardeApp app)
{
    [Fact]
    public async Task NurseTokenWithPatientReadOnly_CannotReadOrRecordMeasurements()
    {
        using var narrow = Tokens.WithToken(app, await Tokens.TokenAsync(app,
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password), new("scope", "user/Patient.rs")]));

        using var read = await narrow.GetAsync($"/api/patients/{TestWorld.PatientA}/measurements");
        using var record = await narrow.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", Reading("narrow-1"));
        using var answer = await narrow.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/questionnaire-responses", new { clientId = "narrow-q" });

        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await read.Content.ReadAsStringAsync()).ShouldContain("Observation");
        record.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        answer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var full = await app.ClientForAsync("nurse.north");
        (await full.GetAsync($"/api/patients/{TestWorld.PatientA}/measurements")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GatewayTokenForDevicesOnly_CannotRecordAMeasurement()
    {
        using var devicesOnly = await app.GatewayClientAsync("system/Device.c");
        using var readings = await app.GatewayClientAsync("system/Observation.c");

        (await devicesOnly.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", Reading("gw-narrow-1"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await readings.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", Reading("gw-narrow-2"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private object Reading(string clientId) =>
        new { clientId, type = "pulse", value = 70m, unit = "/min", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-1) };
}

public sealed class ApiScopeOnSqliteTests(SqliteApp app) : ApiScopeTests(app), IClassFixture<SqliteApp>;

public sealed class ApiScopeOnPostgresTests(PostgresApp app) : ApiScopeTests(app), IClassFixture<PostgresApp>;
