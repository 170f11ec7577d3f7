using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Alerts;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Triage;
using Varde.Server.Tests.Features.Alerts;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

using static Varde.Server.Tests.Infrastructure.FhirReadings;

namespace Varde.Server.Tests.Features.Triage;

/// <summary>
/// Every report takes one intake path (ADR 0017): what the three old paths did differently now holds for all doors —
/// transaction bundles with identifier subjects, conditional creates and urn:uuid devices; writers that meet on one
/// patient (JSON and bundles, on SQLite without "database is locked"); a report arriving while a bundle for its patient
/// is in flight; and two server nodes on one database.
/// </summary>
public abstract class OneIntakePathTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task ATransaction_WhoseSubjectsAreNamedByFodselsnummer_IsStored()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        string number;
        await using (var db = app.Database.NewContext())
            number = (await db.Patients.SingleAsync(p => p.Id == patient)).IdentityNumber;
        var readings = Enumerable.Range(1, 3).Select(k =>
        {
            var o = Spo2(patient, 95m, Now.AddMinutes(-10 * k), $"fnr-{patient}-{k}");
            o.Subject = new ResourceReference { Identifier = new Identifier(FhirSubjects.FnrSystem, number) };
            return o;
        }).ToList();

        var answer = await PostBundleAsync(await app.GatewayClientAsync(), Bundle.BundleType.Transaction, readings.Select(Entry));

        answer.Entry.Select(e => e.Response!.Status).ShouldBe(["201 Created", "201 Created", "201 Created"]);
        await using var check = app.Database.NewContext();
        (await check.Measurements.CountAsync(m => m.PatientId == patient)).ShouldBe(3);
    }

    [Fact]
    public async Task ATransaction_WithIfNoneExistAndUrnUuidDevices_IsStoredOnce_AndAResendIsAnsweredWithWhatIsStored()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        var deviceUrl = $"urn:uuid:{Guid.NewGuid()}";
        var serial = $"SN-{Guid.NewGuid():N}";
        var entries = new List<Bundle.EntryComponent> { DeviceEntry(deviceUrl, serial) };
        for (var k = 1; k <= 3; k++)
        {
            var o = Spo2(patient, 96m - k, Now.AddMinutes(-10 * k), $"cond-{patient}-{k}");
            o.Device = new ResourceReference(deviceUrl);
            var entry = Entry(o);
            entry.Request!.IfNoneExist = $"identifier={IdSystem}|cond-{patient}-{k}";
            entries.Add(entry);
        }

        var first = await PostBundleAsync(gateway, Bundle.BundleType.Transaction, entries);
        var again = await PostBundleAsync(gateway, Bundle.BundleType.Transaction, entries);

        first.Entry.Select(e => e.Response!.Status).ShouldBe(["201 Created", "201 Created", "201 Created", "201 Created"]);
        again.Entry.Select(e => e.Response!.Status).ShouldBe(["200 OK", "200 OK", "200 OK", "200 OK"]);
        again.Entry.Select(e => e.Response!.Location).ShouldBe(first.Entry.Select(e => e.Response!.Location));
        first.Entry[0].FullUrl.ShouldBe(deviceUrl);
        var deviceId = Guid.Parse(((Device)first.Entry[0].Resource!).Id!);
        ((Observation)first.Entry[1].Resource!).Device!.Reference.ShouldBe($"Device/{deviceId}");
        await using var db = app.Database.NewContext();
        (await db.Measurements.Where(m => m.PatientId == patient).Select(m => m.DeviceId).ToListAsync()).ShouldBe([deviceId, deviceId, deviceId]);
    }

    [Fact]
    public async Task ASingleCreate_NamingItsDeviceByUrnUuid_IsRefused_ForThereIsNoBundleToNameIt()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var reading = Spo2(patient, 95m, Now.AddMinutes(-5), $"urn-{patient}");
        reading.Device = new ResourceReference($"urn:uuid:{Guid.NewGuid()}");

        using var response = await (await app.GatewayClientAsync()).PostAsync("/fhir/Observation", Json(reading));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("POST /fhir/Device");
        await using var db = app.Database.NewContext();
        (await db.Measurements.CountAsync(m => m.PatientId == patient)).ShouldBe(0);
    }

    [Fact]
    public async Task ATransaction_WithOneBadReading_UndoesItsDevicesToo()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var deviceUrl = $"urn:uuid:{Guid.NewGuid()}";
        var serial = $"SN-{Guid.NewGuid():N}";
        var good = Spo2(patient, 95m, Now.AddMinutes(-10), $"undo-{patient}-1");
        good.Device = new ResourceReference(deviceUrl);
        var bad = Spo2(patient, 95m, Now.AddMinutes(-5), $"undo-{patient}-2");
        bad.Value = new Quantity { Value = 95m, System = ObservationCodes.Ucum, Code = "kg", Unit = "kg" };

        using var response = await (await app.GatewayClientAsync()).PostAsync("/fhir",
            Json(NewBundle(Bundle.BundleType.Transaction, [DeviceEntry(deviceUrl, serial), Entry(good), Entry(bad)])));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Entry 2");
        await using var db = app.Database.NewContext();
        (await db.MeasuringDevices.CountAsync(d => d.SerialNumber == serial)).ShouldBe(0);
        (await db.Measurements.CountAsync(m => m.PatientId == patient)).ShouldBe(0);
    }

    [Fact]
    public async Task JsonWritesAndTransactions_ForTheSamePatients_AllSucceedTogether()
    {
        var patients = new[] { await AlertWorld.PatientAsync(app, Now.AddDays(-10)), await AlertWorld.PatientAsync(app, Now.AddDays(-10)) };
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();

        var writes = Enumerable.Range(0, 24).Select(async k =>
        {
            var patient = patients[k % 2];
            if (k % 3 == 0)
            {
                var readings = Enumerable.Range(0, 10).Select(j => Spo2(patient, 93m + (j % 4), Now.AddMinutes(-200 + k * 5 + j * 0.3), $"mix-{k}-{j}"));
                using var response = await gateway.PostAsync("/fhir", Json(NewBundle(Bundle.BundleType.Transaction, readings.Select(Entry))));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Readings: 10);
            }

            using var single = await nurse.PostAsJsonAsync($"/api/patients/{patient}/measurements",
                AlertWorld.Reading("oxygen-saturation", 94m, Now.AddMinutes(-200 + k * 5), $"mix-{k}"));
            return (single.StatusCode, Body: await single.Content.ReadAsStringAsync(), Readings: 1);
        }).ToList();
        var answers = await Task.WhenAll(writes);

        answers.Where(a => (int)a.StatusCode >= 300).Select(a => $"{(int)a.StatusCode} {a.Body}").ShouldBeEmpty();
        await using var db = app.Database.NewContext();
        (await db.Measurements.CountAsync(m => patients.Contains(m.PatientId))).ShouldBe(answers.Sum(a => a.Readings));
        (await db.TriageRecords.CountAsync(r => patients.Contains(r.PatientId))).ShouldBe(answers.Sum(a => a.Readings));
    }

    [Fact]
    public async Task AReport_SentWhileABundleForItsPatientIsInFlight_IsJudgedWithTheBundle()
    {
        // Two yellows in the bundle and a third on its own make a run of three: red, whichever arrives first.
        for (var round = 0; round < 3; round++)
        {
            var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
            var readings = new List<Observation> { Spo2(patient, 90m, Now.AddMinutes(-30), $"run-{patient}-1"), Spo2(patient, 90m, Now.AddMinutes(-20), $"run-{patient}-2") };
            readings.AddRange(Enumerable.Range(0, 300).Select(j => Weight(patient, 80m, Now.AddHours(-30).AddMinutes(j), $"run-{patient}-w{j}")));
            var gateway = await app.GatewayClientAsync();
            var nurse = await app.ClientForAsync("nurse.north");

            var bundle = gateway.PostAsync("/fhir", Json(NewBundle(Bundle.BundleType.Transaction, readings.Select(Entry))));
            using var single = await nurse.PostAsJsonAsync($"/api/patients/{patient}/measurements",
                AlertWorld.Reading("oxygen-saturation", 90m, Now.AddMinutes(-1), $"run-{patient}-3"));
            using var bundled = await bundle;

            bundled.StatusCode.ShouldBe(HttpStatusCode.OK);
            single.IsSuccessStatusCode.ShouldBeTrue();
            await using var db = app.Database.NewContext();
            var third = await db.Measurements.SingleAsync(m => m.PatientId == patient && m.ClientId == $"run-{patient}-3");
            (await db.TriageRecords.SingleAsync(r => r.ReportId == third.Id)).Outcome.ShouldBe(Domain.Triage.TriageOutcome.Red);
        }
    }

    [Fact]
    public async Task TwoServerNodes_ReceivingRedReadingsForTheSamePatients_StoreEveryOne_AndOpenOneAlertPerPatient()
    {
        await using var second = app.SecondNode();
        var patients = new List<Guid>();
        for (var p = 0; p < 4; p++)
            patients.Add(await AlertWorld.PatientAsync(app, Now.AddDays(-10)));
        var nodes = new[] { await app.GatewayClientAsync(), await second.GatewayClientAsync() };
        second.Services.GetRequiredService<PatientLocks>().ShouldNotBeSameAs(app.Services.GetRequiredService<PatientLocks>(), "two nodes share no lock in memory");

        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, 48).Select(async k =>
        {
            var patient = patients[k % patients.Count];
            await start.WaitAsync();
            // Single creates and bundles of red readings; each patient's go to both nodes (k / 4), at once.
            using var response = k % 2 == 0
                ? await nodes[k / 4 % 2].PostAsync("/fhir", Json(NewBundle(Bundle.BundleType.Transaction,
                    Enumerable.Range(0, 20).Select(j => Entry(Spo2(patient, 85m, Now.AddMinutes(-300 + k * 5 + j * 0.2), $"two-{patient}-{k}-{j}"))))))
                : await nodes[k / 4 % 2].PostAsync("/fhir/Observation", Json(Spo2(patient, 85m, Now.AddMinutes(-300 + k * 5), $"two-{patient}-{k}")));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Readings: k % 2 == 0 ? 20 : 1);
        }).ToList();
        start.Release(48);
        var answers = await Task.WhenAll(sends);

        answers.Where(a => a.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK)).Select(a => $"{(int)a.StatusCode} {a.Body}").ShouldBeEmpty();
        await using var db = app.Database.NewContext();
        foreach (var patient in patients)
        {
            (await db.Measurements.CountAsync(m => m.PatientId == patient)).ShouldBe(answers.Where((_, k) => k % patients.Count == patients.IndexOf(patient)).Sum(a => a.Readings));
            var active = await db.Alerts.Where(a => a.PatientId == patient && (a.State == AlertState.Open || a.State == AlertState.Acknowledged)).ToListAsync();
            active.GroupBy(a => (a.Category, a.Subject)).ShouldAllBe(g => g.Count() == 1);
            active.ShouldContain(a => a.Zone == Domain.Triage.TriageOutcome.Red);
        }
    }

    /// <summary>
    /// The property the pure core has (PatientIntakeTests), through HTTP and the database: a generated two-week stream of
    /// SpO2 and weight (deteriorations, drops, errors, resends) leaves the same triage records and active alerts whether
    /// it is sent one JSON POST at a time in a random order, one at a time newest first (every one late), as one
    /// transaction, or as shuffled batches of nine; and the stored readings read back the same.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task OneAtATime_AllAtOnce_AndShuffledBatches_LeaveTheSameRecordsAndAlerts(int seed)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        var patients = new List<Guid>();
        for (var k = 0; k < 4; k++)
            patients.Add(await AlertWorld.PatientAsync(app, Now.AddDays(-20)));
        var stream = GeneratedReadings.Stream(seed, Now.AddDays(-15));

        foreach (var r in stream.OrderBy(_ => new Random(seed * 3).Next()))
            await GeneratedReadings.PostJsonAsync(nurse, patients[0], r);
        foreach (var r in stream.OrderByDescending(r => r.At))
            await GeneratedReadings.PostJsonAsync(nurse, patients[1], r);
        await PostBundleAsync(gateway, Bundle.BundleType.Transaction, stream.Select(r => Entry(GeneratedReadings.Observation(patients[2], r))));
        foreach (var chunk in stream.OrderBy(_ => new Random(seed * 7).Next()).Chunk(9))
            await PostBundleAsync(gateway, Bundle.BundleType.Batch, chunk.Select(r => Entry(GeneratedReadings.Observation(patients[3], r))));

        var states = new List<(List<string> Records, List<string> Alerts)>();
        foreach (var patient in patients)
            states.Add(await GeneratedReadings.JudgedAsync(app, patient));
        states[0].Records.Count.ShouldBe(stream.Select(r => r.ClientId).Distinct().Count());
        states[0].Records.ShouldContain(r => r.Contains("|Red|", StringComparison.Ordinal));
        states[0].Alerts.ShouldNotBeEmpty();
        foreach (var (records, alerts) in states.Skip(1))
        {
            records.ShouldBe(states[0].Records);
            alerts.ShouldBe(states[0].Alerts);
        }

        // One at a time the readings go through EF; a transaction of them all, and batches of nine, are written set-based (ADR 0037).
        var readings = await GeneratedReadings.ReadingsAsync(app, patients[0]);
        readings.Count.ShouldBe(states[0].Records.Count);
        foreach (var patient in patients.Skip(1))
        {
            var other = await GeneratedReadings.ReadingsAsync(app, patient);
            other.Count.ShouldBe(readings.Count);
            foreach (var (mine, theirs) in readings.Zip(other))
                theirs.ShouldBe(mine);
        }
    }

    [Fact]
    public async Task PreferReturn_IsHonouredOnCreateAndInBundles()
    {
        var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();

        using var minimal = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = Json(Spo2(patient, 95m, Now.AddMinutes(-3), $"prefer-{patient}-1")) };
        minimal.Headers.Add("Prefer", "return=minimal");
        using var stored = await gateway.SendAsync(minimal);
        stored.StatusCode.ShouldBe(HttpStatusCode.Created);
        stored.Headers.Location.ShouldNotBeNull();
        (await stored.Content.ReadAsStringAsync()).ShouldBeEmpty();

        using var outcome = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = Json(Spo2(patient, 95m, Now.AddMinutes(-3), $"prefer-{patient}-1")) };
        outcome.Headers.Add("Prefer", "return=OperationOutcome");
        using var resent = await gateway.SendAsync(outcome);
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var said = JsonSerializer.Deserialize<OperationOutcome>(await resent.Content.ReadAsStringAsync(), FhirJson.Strict)!;
        said.Issue.Single().Severity.ShouldBe(OperationOutcome.IssueSeverity.Information);
        said.Issue.Single().Diagnostics!.ShouldContain("Already stored as Observation/");

        using var bundle = new HttpRequestMessage(HttpMethod.Post, "/fhir")
        {
            Content = Json(NewBundle(Bundle.BundleType.Transaction, [Entry(Spo2(patient, 95m, Now.AddMinutes(-2), $"prefer-{patient}-2"))])),
        };
        bundle.Headers.Add("Prefer", "return=minimal");
        using var answered = await gateway.SendAsync(bundle);
        var entries = JsonSerializer.Deserialize<Bundle>(await answered.Content.ReadAsStringAsync(), FhirJson.Strict)!.Entry;
        entries.Single().Resource.ShouldBeNull();
        entries.Single().Response!.Status.ShouldBe("201 Created");
        entries.Single().Response!.Location.ShouldStartWith("Observation/");
    }

    private static Observation Spo2(Guid patient, decimal value, DateTimeOffset at, string id) => Reading(patient, "2708-6", value, "%", at, id);

    private static Observation Weight(Guid patient, decimal value, DateTimeOffset at, string id) => Reading(patient, "29463-7", value, "kg", at, id);

    private static Bundle.EntryComponent DeviceEntry(string fullUrl, string serial) => new()
    {
        FullUrl = fullUrl,
        Resource = new Device
        {
            Manufacturer = "Nonin",
            SerialNumber = serial,
            DeviceName = [new Device.DeviceNameComponent { Name = "3230", Type = DeviceNameType.ModelName }],
            Identifier = [new Identifier("urn:oid:2.16.578.1.99.2", serial)],
        },
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Device" },
    };


}

public sealed class OneIntakePathOnSqliteTests(SqliteApp app) : OneIntakePathTests(app), IClassFixture<SqliteApp>;

public sealed class OneIntakePathOnPostgresTests(PostgresApp app) : OneIntakePathTests(app), IClassFixture<PostgresApp>;
