using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Features.Alerts;
using Varde.Server.Tests.Infrastructure;

using static Varde.Server.Tests.Infrastructure.FhirReadings;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// A transaction of Observation creates takes the one intake path with all its readings at once (per patient, one
/// transaction). It must leave exactly what posting the same Observations one at a time leaves: the same triage,
/// re-judging, alerts and idempotency.
/// </summary>
public abstract class BundleIntakeTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    // SpO2 normal, yellow, red, a weight, a late earlier SpO2 (re-judges the later ones) and a resend of the first.
    private List<Observation> Sequence(Guid patient, string prefix) =>
    [
        Reading(patient, "2708-6", 95m, "%", Now.AddMinutes(-50), $"{prefix}-1"),
        Reading(patient, "2708-6", 90m, "%", Now.AddMinutes(-40), $"{prefix}-2"),
        Reading(patient, "2708-6", 87m, "%", Now.AddMinutes(-30), $"{prefix}-3"),
        Reading(patient, "29463-7", 80m, "kg", Now.AddMinutes(-45), $"{prefix}-4"),
        Reading(patient, "2708-6", 91m, "%", Now.AddMinutes(-60), $"{prefix}-5"),
        Reading(patient, "2708-6", 95m, "%", Now.AddMinutes(-50), $"{prefix}-1"),
    ];

    private static Bundle Transaction(IEnumerable<Observation> readings)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var o in readings)
            bundle.Entry.Add(Entry(o));
        return bundle;
    }

    [Fact]
    public async Task Bundle_LeavesWhatOneAtATimeLeaves_TriageRejudgingAlertsAndResends()
    {
        var batched = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var single = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();

        using var response = await gateway.PostAsync("/fhir", Json(Transaction(Sequence(batched, $"b-{batched}"))));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = JsonSerializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync(), FhirJson.Strict)!;
        answer.Entry.Select(e => e.Response!.Status).ShouldBe(["201 Created", "201 Created", "201 Created", "201 Created", "201 Created", "200 OK"]);
        answer.Entry[5].Response!.Location.ShouldBe(answer.Entry[0].Response!.Location);

        foreach (var o in Sequence(single, $"s-{single}"))
            (await gateway.PostAsync("/fhir/Observation", Json(o))).IsSuccessStatusCode.ShouldBeTrue();

        var (records, alerts) = await StateAsync(batched);
        var (singleRecords, singleAlerts) = await StateAsync(single);
        records.ShouldBe(singleRecords);
        alerts.ShouldBe(singleAlerts);
        records.Count.ShouldBe(5);
        records.ShouldContain(r => r.Outcome == "Red");
        alerts.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AFailingEntry_StoresNothing_AndAnotherServicesPatientIs404()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        var readings = Sequence(patient, $"f-{patient}").Take(3).ToList();
        readings.Add(Reading(patient, "2708-6", 95m, "kg", Now.AddMinutes(-5), $"f-{patient}-bad"));

        using var bad = await gateway.PostAsync("/fhir", Json(Transaction(readings)));
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Entry 3");
        using var foreign = await gateway.PostAsync("/fhir", Json(Transaction([.. readings.Take(2), Reading(TestWorld.PatientSouth, "2708-6", 95m, "%", Now.AddMinutes(-5), "south-1")])));
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var db = app.Database.NewContext();
        (await db.Measurements.CountAsync(m => m.PatientId == patient || m.PatientId == TestWorld.PatientSouth && m.ClientId.StartsWith("south"))).ShouldBe(0);
    }

    [Fact]
    public async Task ABundleSentInSmallPiecesWithoutALength_IsReadWhole_AndOneOverAMegabyteIs413()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        var readings = Enumerable.Range(1, 200).Select(i => Reading(patient, "8867-4", 70m + i % 20, "/min", Now.AddMinutes(-i), $"pieces-{patient}-{i}"));
        var body = JsonSerializer.Serialize(Transaction(readings), FhirJson.Output);
        body.Length.ShouldBeGreaterThan(85_000); // past the 16 KB first buffer, and what would be a large-object-heap array

        using var response = await gateway.PostAsync("/fhir", InPieces(body));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await using (var db = app.Database.NewContext())
            (await db.Measurements.CountAsync(m => m.PatientId == patient)).ShouldBe(200);

        using var tooLarge = await gateway.PostAsync("/fhir", InPieces(body + new string(' ', FhirJson.MaxBodyBytes)));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    // A body with no Content-Length, read by the server a few hundred bytes at a time.
    private static StreamContent InPieces(string body)
    {
        var content = new StreamContent(new PiecesStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/fhir+json");
        return content;
    }

    private sealed class PiecesStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 700));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 700), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 700)], cancellationToken);
    }

    // The final triage of each report (by time and kind) and the alerts, in a form two patients can be compared by.
    private async Task<(List<(double Minutes, string Subject, string Outcome)> Records, List<(string Category, string Zone, string State, int Members)> Alerts)>
        StateAsync(Guid patient)
    {
        await using var db = app.Database.NewContext();
        var records = (await db.TriageRecords.AsNoTracking().Where(r => r.PatientId == patient).ToListAsync())
            .Select(r => (Math.Round((r.EffectiveAt - Now).TotalMinutes), r.Subject, r.Outcome.ToString())).OrderBy(r => r.Item1).ThenBy(r => r.Subject).ToList();
        var alerts = (await db.Alerts.AsNoTracking().Where(a => a.PatientId == patient).ToListAsync())
            .Select(a => (a.Category.ToString(), a.Zone.ToString(), a.State.ToString(), a.Members.Count)).Order().ToList();
        return (records, alerts);
    }
}

public sealed class BundleIntakeOnSqliteTests(SqliteApp app) : BundleIntakeTests(app), IClassFixture<SqliteApp>;

public sealed class BundleIntakeOnPostgresTests(PostgresApp app) : BundleIntakeTests(app), IClassFixture<PostgresApp>;
