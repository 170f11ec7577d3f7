using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 ("Found on main" 3 and 4, "What to build" 3): input a tester used to get a 500 or a silently wrong value
/// from is refused with a 400 that says what is wrong, and nothing of it is stored: duplicate keys, times without a
/// zone, numbers as strings, numbers too small or large for their type, times outside any plausible range, bodies over
/// 1 MB. A clinical value must never be stored as something other than what was sent.
/// </summary>
public abstract class StrictInputTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private string At => Now.AddMinutes(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpResponseMessage> PostReadingAsync(string clientId, string valueAndTime)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        return await nurse.PostAsync($"/api/patients/{TestWorld.PatientA}/measurements",
            Raw($$"""{"clientId":"{{clientId}}","type":"oxygen-saturation","unit":"%",{{valueAndTime}}}"""));
    }

    private async Task<bool> StoredAsync(string clientId)
    {
        await using var db = app.Database.NewContext();
        return await db.Measurements.AnyAsync(m => m.ClientId == clientId);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var problem = System.Text.Json.JsonSerializer.Deserialize<ProblemDetails>(body, Json.Options)!;
        return problem.Detail ?? string.Join(" ", body);
    }

    [Fact]
    public async Task ADuplicateKey_IsRefused_NotTheLastOneTaken()
    {
        var response = await PostReadingAsync("strict-duplicate", $$"""
            "value":95,"value":20,"effectiveAt":"{{At}}"
            """);

        (await DetailAsync(response)).ShouldContain("$.value");
        (await StoredAsync("strict-duplicate")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("no-zone", "2026-11-24T10:00:00")]
    [InlineData("date-only", "2026-11-24")]
    public async Task ATimeWithoutAZone_IsRefused(string tag, string time)
    {
        var response = await PostReadingAsync($"strict-{tag}", $$"""
            "value":95,"effectiveAt":"{{time}}"
            """);

        (await DetailAsync(response)).ShouldContain("$.effectiveAt");
        (await StoredAsync($"strict-{tag}")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("string", "\"95\"")]
    [InlineData("underflow", "1e-400")]
    [InlineData("overflow", "1e400")]
    public async Task ANumberThatIsNotOneOrDoesNotFitItsType_IsRefused(string tag, string value)
    {
        var response = await PostReadingAsync($"strict-{tag}", $$"""
            "value":{{value}},"effectiveAt":"{{At}}"
            """);

        (await DetailAsync(response)).ShouldContain("$.value");
        (await StoredAsync($"strict-{tag}")).ShouldBeFalse();
    }

    [Fact]
    public async Task TheFirstDayOfTheCalendar_IsAResetDeviceClock_TakenTheSameOnEveryDoor_NotA500()
    {
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, TestWorld.PatientB);
        var nurse = await app.ClientForAsync("nurse.north");
        const string ancient = "0001-01-01T00:00:00Z";

        var api = await PostReadingAsync("strict-ancient", $$"""
            "value":95,"effectiveAt":"{{ancient}}"
            """);
        var patientApp = await tablet.PostAsync("/pasient/api/measurements",
            Raw($$"""{"clientId":"strict-ancient-app","type":"oxygen-saturation","unit":"%","value":95,"effectiveAt":"{{ancient}}"}"""));
        var observation = FhirReadings.Reading(TestWorld.PatientA, "2708-6", 95m, "%", Now, "strict-ancient-fhir");
        observation.Effective = new Hl7.Fhir.Model.FhirDateTime(ancient);
        var fhir = await nurse.PostAsync("/fhir/Observation", FhirReadings.Json(observation));
        var search = await nurse.GetAsync($"/fhir/Observation?patient={TestWorld.PatientA}&date=ge0001-01-01");

        // Each is stored once, judged as measured when Varde received it, with the time the device gave kept beside it.
        foreach (var response in new[] { api, patientApp, fhir })
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        ((int)search.StatusCode).ShouldBeOneOf([200, 400], await search.Content.ReadAsStringAsync());
        await using var db = app.Database.NewContext();
        // (A FHIR identifier's client id is its system and value.)
        var stored = await db.Measurements.Where(m => m.ClientId.Contains("strict-ancient")).ToListAsync();
        stored.Select(m => m.ClientId.Split('|')[^1]).ShouldBe(["strict-ancient", "strict-ancient-app", "strict-ancient-fhir"], ignoreOrder: true);
        stored.ShouldAllBe(m => m.DeviceTime == DateTimeOffset.MinValue && m.EffectiveAt == m.ReceivedAt);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0D%0ALocation:%20https://evil.example")]
    public async Task ALanguageSwitchWithControlCharacters_GoesHome(string returnUrl)
    {
        var browser = PatientAppClients.Browser(app);

        var response = await browser.GetAsync($"/culture/en?returnUrl={returnUrl}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task ABodyOverOneMegabyte_IsRefusedWith413()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var padding = new string(' ', 1_100_000);

        var response = await nurse.PostAsync($"/api/patients/{TestWorld.PatientA}/measurements",
            Raw($$"""{"clientId":"strict-large","type":"oxygen-saturation","unit":"%","value":95,"effectiveAt":"{{At}}"{{padding}}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await StoredAsync("strict-large")).ShouldBeFalse();
    }

    [Fact]
    public async Task AWellFormedReading_IsStillStored()
    {
        var response = await PostReadingAsync("strict-fine", $$"""
            "value":95.5,"effectiveAt":"{{Now.AddMinutes(-5).ToOffset(TimeSpan.FromHours(1)):yyyy-MM-ddTHH:mm:ss.fffzzz}}"
            """);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

public sealed class StrictInputOnSqliteTests(SqliteApp app) : StrictInputTests(app), IClassFixture<SqliteApp>;

public sealed class StrictInputOnPostgresTests(PostgresApp app) : StrictInputTests(app), IClassFixture<PostgresApp>;
