using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Alerts;

/// <summary>
/// ADR 0056 over HTTP on both databases: a patient who moves to another follow-up service takes what waits for a nurse
/// along — the active alerts and the reports not yet reviewed leave the old service's worklist and are on the new
/// one's at once; a handled alert and a reviewed report stay with the service that saw them.
/// </summary>
public abstract class TransferredWorkTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static async Task<MeasurementResponse> PostAsync(HttpClient client, Guid patient, object reading)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/measurements", reading);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
    }

    private static async Task<List<GetWorklist.Item>> WorklistAsync(HttpClient nurse, Guid service, Guid patient) =>
        (await nurse.GetFromJsonAsync<List<GetWorklist.Item>>($"/api/services/{service}/worklist", Json.Options))!.Where(i => i.Patient.Id == patient).ToList();

    [Fact]
    public async Task AnAcceptedTransfer_MovesTheActiveAlertsAndTheReportsWaiting_ToTheNewServicesWorklist()
    {
        var gateway = await app.GatewayClientAsync();
        var north = await app.ClientForAsync("nurse.north");
        var south = await app.ClientForAsync("nurse.south");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var handled = await PostAsync(gateway, patient, Reading("oxygen-saturation", 91m, Now.AddMinutes(-50)));
        var reviewed = await PostAsync(gateway, patient, Reading("body-weight", 80m, Now.AddMinutes(-45), unit: "kg"));
        (await north.PostAsync($"/api/alerts/{handled.AlertId}/acknowledge", null)).EnsureSuccessStatusCode();
        (await north.PostAsJsonAsync($"/api/alerts/{handled.AlertId}/handle", new { action = "contacted-patient", note = "Ringt pasienten." })).EnsureSuccessStatusCode();
        (await north.PostAsJsonAsync($"/api/services/{TestWorld.North}/reviews", new { reportIds = new[] { reviewed.Id } })).EnsureSuccessStatusCode();
        var red = await PostAsync(gateway, patient, Reading("oxygen-saturation", 86m, Now.AddMinutes(-30)));
        var green = await PostAsync(gateway, patient, Reading("body-weight", 80m, Now.AddMinutes(-20), unit: "kg"));
        (await WorklistAsync(north, TestWorld.North, patient)).Select(i => (i.Kind, i.Zone)).ShouldBe([("alert", TriageOutcome.Red), ("review", TriageOutcome.Green)]);
        (await north.PostAsync($"/api/alerts/{red.AlertId}/acknowledge", null)).EnsureSuccessStatusCode();

        await TransferToSouthAsync(north, south, patient);

        (await WorklistAsync(north, TestWorld.North, patient)).ShouldBeEmpty("the old service no longer sees the patient's work");
        var moved = await WorklistAsync(south, TestWorld.South, patient);
        moved.Select(i => (i.Kind, i.Zone, i.State, i.AlertId, i.ReportId))
            .ShouldBe([("alert", TriageOutcome.Red, (AlertState?)AlertState.Acknowledged, red.AlertId, (Guid?)null), ("review", TriageOutcome.Green, null, null, green.Id)]);
        await using var db = app.Database.NewContext();
        (await db.Alerts.Where(a => a.PatientId == patient).Select(a => new { a.Id, a.ServiceId, a.State }).ToListAsync()).Select(a => (a.Id, a.ServiceId, a.State))
            .ShouldBe([(handled.AlertId!.Value, TestWorld.North, AlertState.Handled), (red.AlertId!.Value, TestWorld.South, AlertState.Acknowledged)], ignoreOrder: true);
        (await db.TriageRecords.Where(r => r.PatientId == patient).Select(r => new { r.ReportId, r.ServiceId }).ToListAsync()).Select(r => (r.ReportId, r.ServiceId))
            .ShouldBe([(handled.Id, TestWorld.North), (reviewed.Id, TestWorld.North), (red.Id, TestWorld.South), (green.Id, TestWorld.South)], ignoreOrder: true,
                "a reviewed report (also one of a handled alert) stays with the service that saw it; every other one moves, also those in an alert (one may leave it later)");
        (await db.OutboxEvents.Where(e => e.PatientId == patient && e.Type == "patient.moved").Select(e => e.ServiceId).ToListAsync())
            .ShouldBe([TestWorld.North, TestWorld.South], ignoreOrder: true, "both services' open screens load the patient again");
        (await db.OutboxEvents.Where(e => e.PatientId == patient && e.Type == "alert.moved").Select(e => new { e.AlertId, e.ServiceId }).ToListAsync())
            .Select(e => (e.AlertId, e.ServiceId)).ShouldBe([(red.AlertId, TestWorld.South)], "the active alert is news to the new service's subscribers; the handled one stays");
    }

    // South asks for the patient by identity number; North, which follows her, accepts.
    private async Task TransferToSouthAsync(HttpClient north, HttpClient south, Guid patient)
    {
        string identityNumber;
        await using (var db = app.Database.NewContext())
            identityNumber = (await db.Patients.SingleAsync(p => p.Id == patient)).IdentityNumber!;
        var asked = await south.PostAsJsonAsync("/api/patients", new { identityNumber, name = "Test Pasient", municipalityId = TestWorld.Skien, diagnoses = new[] { "copd" } });
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted, await asked.Content.ReadAsStringAsync());
        var request = (await north.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Incoming.Single(i => i.PatientId == patient);
        (await north.PostAsJsonAsync($"/api/transfer-requests/{request.Id}/decision", new { answer = "Accepted" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}

public sealed class TransferredWorkOnSqliteTests(SqliteApp app) : TransferredWorkTests(app), IClassFixture<SqliteApp>;

public sealed class TransferredWorkOnPostgresTests(PostgresApp app) : TransferredWorkTests(app), IClassFixture<PostgresApp>;
