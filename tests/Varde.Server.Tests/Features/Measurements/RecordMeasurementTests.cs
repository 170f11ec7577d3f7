using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Measurements;

public abstract class RecordMeasurementTests(VardeApp app)
{
    private static string Url(Guid patient) => $"/api/patients/{patient}/measurements";

    private object Spo2(string clientId, decimal value) =>
        new { clientId, type = "oxygen-saturation", value, unit = "%", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-2) };

    [Fact]
    public async Task RecordMeasurement_BelowRedThreshold_StoresItRedWithExplanation()
    {
        var client = await app.GatewayClientAsync();

        var response = await client.PostAsJsonAsync(Url(TestWorld.PatientA), Spo2(Guid.NewGuid().ToString(), 87m));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
        body.Triage.Outcome.ShouldBe(TriageOutcome.Red);
        body.Triage.Explanation.Nb.ShouldBe("SpO2 87 % er under rød grense 88 % (plan v1).");
        body.Triage.PlanVersion.ShouldBe(1);
        var nurse = await app.ClientForAsync("nurse.north");
        var again = await nurse.GetFromJsonAsync<MeasurementResponse>(response.Headers.Location, Json.Options);
        again!.Id.ShouldBe(body.Id);
        again.Triage.Explanation.En.ShouldBe("SpO2 87 % is below the red limit 88 % (plan v1).");
        await using var db = app.Database.NewContext();
        (await db.Measurements.SingleAsync(m => m.Id == body.Id)).TriageOutcome.ShouldBe(TriageOutcome.Red);
    }

    [Fact]
    public async Task RecordMeasurement_FiftyConcurrentIdenticalSubmissions_StoreOneAndReturnTheSameId()
    {
        var client = await app.GatewayClientAsync();
        var clientId = Guid.NewGuid().ToString();
        var reading = Spo2(clientId, 95m);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.PostAsJsonAsync(Url(TestWorld.PatientA), reading)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id));
        ids.Distinct().ShouldHaveSingleItem();
        await using var db = app.Database.NewContext();
        (await db.Measurements.CountAsync(m => m.PatientId == TestWorld.PatientA && m.ClientId == clientId)).ShouldBe(1);
    }

    [Fact]
    public async Task RecordMeasurement_ResentLater_ReturnsTheStoredReading()
    {
        var client = await app.GatewayClientAsync();
        var reading = Spo2(Guid.NewGuid().ToString(), 90m);
        var first = await (await client.PostAsJsonAsync(Url(TestWorld.PatientA), reading)).Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options);
        app.Clock.Advance(TimeSpan.FromHours(3));
        var later = await app.GatewayClientAsync();

        var resent = await later.PostAsJsonAsync(Url(TestWorld.PatientA), reading);

        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resent.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id.ShouldBe(first!.Id);
    }

    [Fact]
    public async Task RecordMeasurement_ClientIdReusedForAnotherReading_Is409AndKeepsTheFirst()
    {
        var client = await app.GatewayClientAsync();
        var clientId = Guid.NewGuid().ToString();
        await client.PostAsJsonAsync(Url(TestWorld.PatientA), Spo2(clientId, 95m));

        var response = await client.PostAsJsonAsync(Url(TestWorld.PatientA), Spo2(clientId, 85m));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Type.ShouldEndWith("client-id-reused");
        await using var db = app.Database.NewContext();
        (await db.Measurements.SingleAsync(m => m.ClientId == clientId)).Value.ShouldBe(95m);
    }

    [Fact]
    public async Task RecordMeasurement_SameClientIdForTwoPatients_StoresBoth_AndEachResendIsItsOwnPatientsReading()
    {
        // A client id is a patient's own: another patient's use of it is neither a resend nor a reuse (ReportIntake.Checks).
        var client = await app.GatewayClientAsync();
        var clientId = "device-counter-" + Guid.NewGuid().ToString("N")[..8];
        var a = await client.PostAsJsonAsync(Url(TestWorld.PatientA), Spo2(clientId, 95m));
        var b = await client.PostAsJsonAsync(Url(TestWorld.PatientB), Spo2(clientId, 91m));
        (a.StatusCode, b.StatusCode).ShouldBe((HttpStatusCode.Created, HttpStatusCode.Created));

        var resentA = await client.PostAsJsonAsync(Url(TestWorld.PatientA), Spo2(clientId, 95m));
        var reusedB = await client.PostAsJsonAsync(Url(TestWorld.PatientB), Spo2(clientId, 95m));

        resentA.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resentA.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id
            .ShouldBe((await a.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id);
        reusedB.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var db = app.Database.NewContext();
        (await db.Measurements.Where(m => m.ClientId == clientId).OrderBy(m => m.Value).Select(m => m.Value).ToListAsync()).ShouldBe([91m, 95m]);
    }

    [Fact]
    public async Task RecordMeasurement_KpaBloodPressure_IsStoredInMmHg()
    {
        var client = await app.ClientForAsync("nurse.north");

        var response = await client.PostAsJsonAsync(Url(TestWorld.PatientB), new
        {
            clientId = Guid.NewGuid().ToString(), type = "blood-pressure", systolic = 18.9m, diastolic = 11m, unit = "kPa",
            effectiveAt = app.Clock.GetUtcNow(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
        (body.Systolic, body.Diastolic, body.Unit).ShouldBe((142m, 83m, "mm[Hg]"));
        body.Triage.Outcome.ShouldBe(TriageOutcome.NoThresholds);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"clientId":"x1","type":"body-weight","value":80,"unit":"stone","effectiveAt":"2020-01-01T00:00:00Z"}""", "unit" },
        { """{"clientId":"x2","type":"body-weight","value":80,"unit":"kg"}""", "effectiveAt" },
        { """{"clientId":"x3","type":"blood-pressure","value":120,"unit":"mm[Hg]","effectiveAt":"2020-01-01T00:00:00Z"}""", "value" },
        { """{"clientId":"x4","type":"blood-sugar","value":6,"unit":"mmol/L","effectiveAt":"2020-01-01T00:00:00Z"}""", "type" },
        { """{"type":"pulse","value":60,"unit":"/min","effectiveAt":"2020-01-01T00:00:00Z"}""", "clientId" },
    };

    [Theory, MemberData(nameof(InvalidBodies))]
    public async Task RecordMeasurement_InvalidReading_Is400WithTheFieldAndStoresNothing(string json, string field)
    {
        var client = await app.GatewayClientAsync();
        await using var before = app.Database.NewContext();
        var count = await before.Measurements.CountAsync();

        var response = await client.PostAsync(Url(TestWorld.PatientA), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldContain(field);
        await using var after = app.Database.NewContext();
        (await after.Measurements.CountAsync()).ShouldBe(count);
    }

    [Fact]
    public async Task RecordMeasurement_MalformedJson_Is400ProblemNamingThePath()
    {
        var client = await app.GatewayClientAsync();

        var response = await client.PostAsync(Url(TestWorld.PatientA),
            new StringContent("""{"clientId":"m1","type":"pulse","value":"sixty"}""", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail!.ShouldContain("$.value");
    }
}

public sealed class RecordMeasurementOnSqliteTests(SqliteApp app) : RecordMeasurementTests(app), IClassFixture<SqliteApp>;

public sealed class RecordMeasurementOnPostgresTests(PostgresApp app) : RecordMeasurementTests(app), IClassFixture<PostgresApp>;
