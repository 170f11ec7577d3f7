using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Measurements;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Triage;

/// <summary>
/// Issue 14 over HTTP: a real sudden drop into red is red (and stays for the nurse after a normal re-measure), a device
/// clock reset never hides a red, and the patient's confirmation is recorded. PatientA's plan: SpO2 red below 88,
/// yellow below 92; weight yellow above 82, red above 84 (TestWorld).
/// </summary>
public abstract class RedIsNeverHiddenTests(VardeApp app)
{
    private static string Url(Guid patient) => $"/api/patients/{patient}/measurements";

    private static async Task<MeasurementResponse> PostAsync(HttpClient client, object reading)
    {
        var response = await client.PostAsJsonAsync(Url(TestWorld.PatientA), reading);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
    }

    private static object Reading(string type, decimal value, string unit, DateTimeOffset at, bool? confirmed = null) =>
        new { clientId = Guid.NewGuid().ToString(), type, value, unit, effectiveAt = at, patientConfirmed = confirmed };

    private async Task<List<AlertResponse>> ActiveAlertsAsync(string subject)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var alerts = await nurse.GetFromJsonAsync<List<AlertResponse>>($"/api/patients/{TestWorld.PatientA}/alerts", Json.Options);
        return alerts!.Where(a => a.Subject == subject && a.State is AlertState.Open or AlertState.Acknowledged).ToList();
    }

    [Fact]
    public async Task SuddenDropIntoRed_IsRed_WithTheRedInstruction_AndStaysForTheNurseAfterANormalReMeasure()
    {
        var gateway = await app.GatewayClientAsync();
        var now = app.Clock.GetUtcNow();
        foreach (var hoursAgo in new[] { 30, 20, 10, 5 })
            await PostAsync(gateway, Reading("oxygen-saturation", 98m, "%", now.AddHours(-hoursAgo)));

        var drop = await PostAsync(gateway, Reading("oxygen-saturation", 85m, "%", now.AddMinutes(-3)));

        drop.Triage.Outcome.ShouldBe(TriageOutcome.Red);
        drop.Triage.RuleId.ShouldBe(TriageRuleIds.Threshold);
        drop.Triage.Explanation.Nb.ShouldBe("SpO2 85 % er under rød grense 88 % (plan v1). SpO2 85 % er 13 prosentpoeng under nylig nivå 98 % – uvanlig stort sprang; mål gjerne på nytt.");
        drop.Instruction.ShouldNotBeNull().Zone.ShouldBe(TriageOutcome.Red);
        drop.AlertId.ShouldNotBeNull();

        var again = await PostAsync(gateway, Reading("oxygen-saturation", 97m, "%", now.AddMinutes(-1)));

        again.Triage.Outcome.ShouldBe(TriageOutcome.Green);
        var open = (await ActiveAlertsAsync("measurement:OxygenSaturation")).ShouldHaveSingleItem();
        open.Id.ShouldBe(drop.AlertId!.Value);
        open.Zone.ShouldBe(TriageOutcome.Red);
        open.Category.ShouldNotBe(AlertCategory.CheckMeasurement);
    }

    [Fact]
    public async Task FhirObservation_WithADeviceClockResetTo1970_IsJudgedAsReceived_AndRaisesARed()
    {
        var gateway = await app.GatewayClientAsync();
        var body = """
            {"resourceType":"Observation","status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"2708-6"}]},
             "subject":{"reference":"Patient/PATIENT"},
             "identifier":[{"system":"urn:oid:2.16.578.1.99.1","value":"CLIENT"}],
             "effectiveDateTime":"1970-01-01T00:00:00Z",
             "valueQuantity":{"value":84,"unit":"%","system":"http://unitsofmeasure.org","code":"%"}}
            """.Replace("PATIENT", TestWorld.PatientA.ToString()).Replace("CLIENT", Guid.NewGuid().ToString());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");

        var response = await gateway.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await using var db = app.Database.NewContext();
        var stored = await db.Measurements.Where(m => m.PatientId == TestWorld.PatientA && m.DeviceTime == DateTimeOffset.UnixEpoch).SingleAsync();
        stored.EffectiveAt.ShouldBe(stored.ReceivedAt);
        var record = await db.TriageRecords.SingleAsync(r => r.ReportId == stored.Id);
        record.Outcome.ShouldBe(TriageOutcome.Red);
        record.UncertainTime.ShouldBeTrue();
        record.ExplanationNb.ShouldContain("Usikkert tidspunkt (enhetens klokke?)");
        var alert = (await ActiveAlertsAsync("measurement:OxygenSaturation")).ShouldHaveSingleItem();
        alert.Zone.ShouldBe(TriageOutcome.Red);
        alert.Reports.ShouldContain(m => m.ReportId == stored.Id);
    }

    [Fact]
    public async Task ReadingTimedInTheFuture_IsStoredAndJudgedAsReceived_AndAResendIsTheSameReading()
    {
        var gateway = await app.GatewayClientAsync();
        var future = app.Clock.GetUtcNow().AddDays(400);
        var reading = Reading("body-weight", 83m, "kg", future);

        var first = await PostAsync(gateway, reading);
        var resent = await gateway.PostAsJsonAsync(Url(TestWorld.PatientA), reading);

        first.DeviceTime.ShouldBe(Domain.Measurements.Measurement.ToStoredPrecision(future));
        first.EffectiveAt.ShouldBe(first.ReceivedAt);
        first.Triage.UncertainTime.ShouldBeTrue();
        first.Triage.Outcome.ShouldBe(TriageOutcome.Yellow);
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resent.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task ReadingTimedInNorwegianTime_IsStoredAndJudged_OnEveryDatabase()
    {
        var gateway = await app.GatewayClientAsync();
        var oslo = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(1)).AddMinutes(-4);

        var red = await PostAsync(gateway, Reading("oxygen-saturation", 86m, "%", oslo));
        var answers = await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/questionnaire-responses", new
        {
            clientId = Guid.NewGuid().ToString(), questionnaire = "daily-symptoms", effectiveAt = oslo,
            answers = new[] { new { linkId = "more-breathless", code = "no" }, new { linkId = "swelling", code = "no" }, new { linkId = "chest-pain", code = "no" } },
        });

        red.Triage.Outcome.ShouldBe(TriageOutcome.Red);
        red.EffectiveAt.ShouldBe(Domain.Measurements.Measurement.ToStoredPrecision(oslo));
        answers.StatusCode.ShouldBe(HttpStatusCode.Created, await answers.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResentRed_WhoseFirstAnswerWasLost_GetsThePatientsInstructionAgain()
    {
        var gateway = await app.GatewayClientAsync();
        var reading = Reading("oxygen-saturation", 86m, "%", app.Clock.GetUtcNow().AddMinutes(-6));
        var first = await PostAsync(gateway, reading);

        var resent = await gateway.PostAsJsonAsync(Url(TestWorld.PatientA), reading);

        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await resent.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
        body.Id.ShouldBe(first.Id);
        body.Instruction.ShouldNotBeNull().Zone.ShouldBe(TriageOutcome.Red);
        body.Instruction.PlanInstruction.ShouldBe(first.Instruction!.PlanInstruction);
    }

    [Fact]
    public async Task PatientsConfirmation_IsRecorded_AndCountsAsConfirmingAnUnusualValue()
    {
        var gateway = await app.GatewayClientAsync();
        var now = app.Clock.GetUtcNow();
        foreach (var hoursAgo in new[] { 40, 30, 20 })
            await PostAsync(gateway, Reading("body-weight", 76m, "kg", now.AddHours(-hoursAgo)));

        var unconfirmed = await PostAsync(gateway, Reading("body-weight", 83m, "kg", now.AddHours(-10)));
        var confirmed = await PostAsync(gateway, Reading("body-weight", 83.2m, "kg", now.AddHours(-2), confirmed: true));

        unconfirmed.Triage.Outcome.ShouldBe(TriageOutcome.SuspectedMeasurementError);
        unconfirmed.PatientConfirmed.ShouldBeFalse();
        confirmed.Triage.Outcome.ShouldBe(TriageOutcome.Yellow);
        confirmed.PatientConfirmed.ShouldBeTrue();
        confirmed.Triage.Explanation.Nb.ShouldContain("pasienten bekreftet verdien");
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.GetFromJsonAsync<MeasurementResponse>($"{Url(TestWorld.PatientA)}/{confirmed.Id}", Json.Options))!.PatientConfirmed.ShouldBeTrue();
    }
}

public sealed class RedIsNeverHiddenOnSqliteTests(SqliteApp app) : RedIsNeverHiddenTests(app), IClassFixture<SqliteApp>;

public sealed class RedIsNeverHiddenOnPostgresTests(PostgresApp app) : RedIsNeverHiddenTests(app), IClassFixture<PostgresApp>;
