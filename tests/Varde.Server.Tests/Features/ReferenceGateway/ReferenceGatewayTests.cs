using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Devices;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Gateway;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>
/// Issue 23 item 3: the reference gateway against a real Varde (test host, both databases): recorded characteristic
/// values become triaged readings with the device named; every reading arrives exactly once through a network that is
/// down, too slow, and answering 5xx (also after Varde stored them); a reading Varde refuses is kept as refused and
/// holds nothing up; records read again from a meter are kept once.
/// </summary>
public abstract class ReferenceGatewayTests(VardeApp app)
{
    private const string System = GatewaySettings.ReadingSystem;

    [Fact]
    public async Task A_blood_pressure_monitor_and_an_oximeter_reach_varde_judged_with_the_device_named()
    {
        using var rig = await GatewayRig.StartAsync(app,
            new PairedDevice("C4:7C:8D:6A:3E:01", $"Patient/{TestWorld.PatientA}"),
            new PairedDevice("00:1C:05:AA:BB:01", "13097248022", Manufacturer: "Nonin", Model: "3230", Serial: "501234"));
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo).AddMinutes(-2);
        await CaptureAsync(rig, "C4:7C:8D:6A:3E:01", DeviceInformation.ManufacturerNameUuid, "Omron\0"u8.ToArray(), now);
        await CaptureAsync(rig, "C4:7C:8D:6A:3E:01", DeviceInformation.ModelNumberUuid, "HEM-7361T"u8.ToArray(), now);
        await CaptureAsync(rig, "C4:7C:8D:6A:3E:01", DeviceInformation.SerialNumberUuid, "20261124001"u8.ToArray(), now);
        // 0x2A35 with time stamp, pulse and status: 138/88 mmHg (MAP 120), pulse 60, irregular pulse, at the device's local time two minutes ago.
        (await CaptureAsync(rig, "C4:7C:8D:6A:3E:01", BloodPressureMeasurement.Uuid, Bytes($"16 8A 00 58 00 78 00 {Stamp(local)} 3C 00 04 00"), now))
            .ShouldBe(CaptureOutcome.Kept);
        // Intermediate cuff pressure while the cuff inflates: not a report.
        (await CaptureAsync(rig, "C4:7C:8D:6A:3E:01", BloodPressureMeasurement.IntermediateCuffPressureUuid, Bytes("00 50 00 FF 07 FF 07"), now))
            .ShouldBe(CaptureOutcome.NotFinal);
        // 0x2A5E: SpO2 85 %, pulse 96, no time stamp (the receive time): red for this patient (red below 88).
        (await CaptureAsync(rig, "00:1C:05:AA:BB:01", PulseOximeterMeasurement.SpotCheckUuid, Bytes("00 55 00 60 00"), now)).ShouldBe(CaptureOutcome.Kept);

        var round = await rig.Forwarder.SendWaitingAsync();

        (round.Sent, round.Refused, round.Interrupted).ShouldBe((4, 0, null));
        await using var db = app.Database.NewContext();
        var stored = await ReadingsFromAsync(db, "C4:7C:8D:6A:3E:01", "00:1C:05:AA:BB:01");
        stored.Count.ShouldBe(4);
        stored.ShouldAllBe(m => m.PatientId == TestWorld.PatientA && m.ClientId.StartsWith(System));
        var bp = stored.Single(m => m.Type == MeasurementType.BloodPressure);
        (bp.Value, bp.SecondValue, bp.EffectiveAt).ShouldBe((138m, 88m, now.AddMinutes(-2).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond))));
        var omron = await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.Id == bp.DeviceId);
        (omron.Manufacturer, omron.Model, omron.SerialNumber, omron.IdentifierValue).ShouldBe(("Omron", "HEM-7361T", "20261124001", "C4:7C:8D:6A:3E:01"));
        bp.Note.ShouldBe("Måleren meldte: uregelmessig puls. (The device said: irregular pulse.)");
        var spo2 = stored.Single(m => m.Type == MeasurementType.OxygenSaturation);
        (spo2.Value, spo2.EffectiveAt).ShouldBe((85m, now));
        (await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.Id == spo2.DeviceId)).Manufacturer.ShouldBe("Nonin");
        var judged = await db.TriageRecords.AsNoTracking().SingleAsync(r => r.ReportId == spo2.Id);
        (judged.Outcome, judged.AlertId is null).ShouldBe((Varde.Domain.Triage.TriageOutcome.Red, false));
        (await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == judged.AlertId)).State.ShouldBe(AlertState.Open);
        (await rig.Store.CountsAsync()).ShouldBe((0, 4, 0, 0));
        (await rig.Store.AllAsync()).Select(r => r.Outcome).Order().ShouldBe(stored.Select(m => (string?)m.Id.ToString()).Order(), "each kept reading knows Varde's id for it");

        // The nurse's view of the patient names the device and shows what it said.
        var nurse = await app.ClientForAsync("nurse.north");
        var overview = await nurse.GetFromJsonAsync<JsonElement>($"/api/patients/{TestWorld.PatientA}/overview?days=1");
        var report = overview.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == bp.Id);
        (report.GetProperty("device").GetString(), report.GetProperty("note").GetString()).ShouldBe(("Omron HEM-7361T", "Måleren meldte: uregelmessig puls. (The device said: irregular pulse.)"));

        // The red SpO2 is on the service's worklist, the oximeter named on it.
        var worklist = await nurse.GetFromJsonAsync<JsonElement>($"/api/services/{TestWorld.North}/worklist");
        var red = worklist.EnumerateArray().Single(i => i.TryGetProperty("alertId", out var id) && id.ValueKind == JsonValueKind.String && id.GetGuid() == judged.AlertId);
        red.GetProperty("device").GetString().ShouldBe("Nonin 3230");
    }

    [Fact]
    public async Task Every_reading_reaches_varde_exactly_once_through_a_network_that_is_down_late_and_answering_5xx()
    {
        const string meter = "E0:7D:EA:00:00:01";
        using var rig = await GatewayRig.StartAsync(app, new PairedDevice(meter, $"Patient/{TestWorld.PatientB}", Manufacturer: "Roche", Model: "Accu-Chek Guide",
            Serial: "GL-7781"));
        var random = new Random(2312);
        var now = app.Clock.GetUtcNow();
        const int records = 240;
        for (var chunk = 0; chunk < records / 30; chunk++)
        {
            rig.Network.Plan = () => random.Next(10) switch
            {
                0 or 1 => NetworkFault.Down,
                2 => NetworkFault.AnswerTooLate,
                3 => NetworkFault.AnswerLostBehindProxy,
                4 => NetworkFault.Unavailable,
                _ => NetworkFault.None,
            };
            for (var i = chunk * 30; i < (chunk + 1) * 30; i++)
                (await CaptureAsync(rig, meter, GlucoseMeasurement.Uuid, GlucoseRecord((ushort)(i + 1), now.AddMinutes(-(records - i) * 10), 5.0m + (i % 40 / 10m)), now))
                    .ShouldBe(CaptureOutcome.Kept);
            // A few rounds while the network misbehaves: some get through, some are stored without the gateway knowing.
            for (var round = 0; round < 10; round++)
                await rig.Forwarder.SendWaitingAsync();
            // The meter is asked again for records it already gave (a reconnect): each is kept once.
            (await CaptureAsync(rig, meter, GlucoseMeasurement.Uuid, GlucoseRecord((ushort)(chunk * 30 + 1), now.AddMinutes(-(records - chunk * 30) * 10), 5.0m + (chunk * 30 % 40 / 10m)), now))
                .ShouldBe(CaptureOutcome.AlreadyKept);
        }

        rig.Network.Plan = () => NetworkFault.None;
        await rig.SendUntilDoneAsync();

        foreach (var fault in new[] { NetworkFault.Down, NetworkFault.AnswerTooLate, NetworkFault.AnswerLostBehindProxy, NetworkFault.Unavailable })
            rig.Network.Count(fault).ShouldBeGreaterThanOrEqualTo(2, $"the run must meet {fault} at least twice to prove anything");
        await using var db = app.Database.NewContext();
        var stored = await db.Measurements.AsNoTracking().Where(m => m.PatientId == TestWorld.PatientB && m.ClientId.StartsWith(System) && m.Type == MeasurementType.BloodGlucose)
            .Select(m => new { m.ClientId, m.Value, m.EffectiveAt }).ToListAsync();
        stored.Count.ShouldBe(records, "every record once");
        stored.Select(m => m.ClientId).Distinct().Count().ShouldBe(records);
        stored.Select(m => m.EffectiveAt).Distinct().Count().ShouldBe(records);
        (await rig.Store.CountsAsync()).ShouldBe((0, records, 0, 0));
        (await rig.Store.DeviceAsync(meter))!.LastSequence.ShouldBe(records);
        RecordAccessControlPoint.RequestRecordsAfter((ushort)records).ShouldBe(new byte[] { 0x01, 0x03, 0x01, records + 1, 0x00 });
    }

    [Fact]
    public async Task A_reading_varde_refuses_is_kept_as_refused_one_whose_patient_it_does_not_find_waits_and_neither_holds_up_the_rest()
    {
        // The second scale is paired with a patient of another service (Varde does not find her: perhaps not yet moved
        // over), and the thermometer sends 2,000,000 °C (Varde refuses that for good).
        using var rig = await GatewayRig.StartAsync(app,
            new PairedDevice("D0:00:00:00:00:01", $"Patient/{TestWorld.PatientA}", Serial: "S-1"),
            new PairedDevice("D0:00:00:00:00:02", $"Patient/{TestWorld.PatientSouth}", Serial: "S-2"),
            new PairedDevice("D0:00:00:00:00:03", $"Patient/{TestWorld.PatientA}", Serial: "S-3"));
        var now = app.Clock.GetUtcNow();
        await CaptureAsync(rig, "D0:00:00:00:00:01", WeightMeasurement.Uuid, Bytes("00 B0 36"), now.AddMinutes(-4));
        await CaptureAsync(rig, "D0:00:00:00:00:02", WeightMeasurement.Uuid, Bytes("00 B0 36"), now.AddMinutes(-3));
        await CaptureAsync(rig, "D0:00:00:00:00:03", TemperatureMeasurement.Uuid, Bytes("00 40 0D 03 01"), now.AddMinutes(-2));
        await CaptureAsync(rig, "D0:00:00:00:00:01", WeightMeasurement.Uuid, Bytes("00 C8 36"), now.AddMinutes(-1));
        // A value the scale itself calls unsuccessful never becomes a reading; its reason is kept.
        (await CaptureAsync(rig, "D0:00:00:00:00:01", WeightMeasurement.Uuid, Bytes("00 FF FF"), now)).ShouldBe(CaptureOutcome.Refused);
        // A device nobody paired is not taken.
        (await CaptureAsync(rig, "D0:00:00:00:00:99", WeightMeasurement.Uuid, Bytes("00 B0 36"), now)).ShouldBe(CaptureOutcome.Refused);

        var round = await rig.Forwarder.SendWaitingAsync();

        round.ShouldBe(new ForwardRound(2, 1, null, SetAside: 1));
        (await rig.Store.CountsAsync()).ShouldBe((1, 2, 1, 1));
        var states = await rig.Store.AllAsync();
        states.Single(r => r.State == "refused").Outcome!.ShouldStartWith("422");
        states.Single(r => r.State == "waiting").Outcome!.ShouldStartWith("404");
        (await rig.Forwarder.SendWaitingAsync()).ShouldBe(new ForwardRound(0, 0, null), "the refused one is not sent again, the set-aside one not before its hour");
        app.Clock.Advance(Forwarder.SetAsideFor + TimeSpan.FromMinutes(1));
        (await rig.Forwarder.SendWaitingAsync()).ShouldBe(new ForwardRound(0, 0, null, SetAside: 1), "after its hour it is tried again, and set aside again");
        await using var db = app.Database.NewContext();
        (await ReadingsFromAsync(db, "D0:00:00:00:00:01", "D0:00:00:00:00:02", "D0:00:00:00:00:03")).Select(m => m.Value).Order().ShouldBe([70m, 70.12m]);
    }

    [Fact]
    public async Task Only_the_paired_user_of_a_shared_monitor_is_taken_and_not_what_it_measured_before_the_pairing()
    {
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo);
        using var rig = await GatewayRig.StartAsync(app,
            new PairedDevice("D1:00:00:00:00:01", $"Patient/{TestWorld.PatientA}", User: 2, Serial: "M-1", PairedSince: now.AddDays(-1)));

        // Flags 0x0A: time stamp and user id. User 2 now, user 1, a guest (0xFF), and user 2 two days ago (before pairing).
        var user2 = await CaptureAsync(rig, "D1:00:00:00:00:01", BloodPressureMeasurement.Uuid, Bytes($"0A 8A 00 58 00 78 00 {Stamp(local.AddMinutes(-1))} 02"), now);
        var user1 = await CaptureAsync(rig, "D1:00:00:00:00:01", BloodPressureMeasurement.Uuid, Bytes($"0A 8C 00 58 00 78 00 {Stamp(local.AddMinutes(-2))} 01"), now);
        var guest = await CaptureAsync(rig, "D1:00:00:00:00:01", BloodPressureMeasurement.Uuid, Bytes($"0A 8E 00 58 00 78 00 {Stamp(local.AddMinutes(-3))} FF"), now);
        var before = await CaptureAsync(rig, "D1:00:00:00:00:01", BloodPressureMeasurement.Uuid, Bytes($"0A 90 00 58 00 78 00 {Stamp(local.AddDays(-2))} 02"), now);

        (user2, user1, guest, before).ShouldBe((CaptureOutcome.Kept, CaptureOutcome.Refused, CaptureOutcome.Refused, CaptureOutcome.Refused));
        (await rig.Store.CountsAsync()).ShouldBe((1, 0, 0, 3));
    }

    [Fact]
    public async Task The_command_replays_a_recording_once_and_refuses_what_it_cannot_read()
    {
        var folder = Directory.CreateTempSubdirectory("varde-gateway-cli-").FullName;
        try
        {
            var now = app.Clock.GetUtcNow();
            var config = Path.Combine(folder, "gateway.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                server = "http://localhost/",
                clientId = TestWorld.GatewayClientId,
                store = Path.Combine(folder, "readings.db"),
                devices = new[] { new { address = "aa:bb:cc:00:00:01", patient = $"Patient/{TestWorld.PatientA}", serial = "T-1" } },
            }));
            var replay = Path.Combine(folder, "thermometer.jsonl");
            var at = now.AddMinutes(-5).ToString("O", CultureInfo.InvariantCulture);
            await File.WriteAllLinesAsync(replay,
            [
                "# A thermometer: 37.60 °C at the finger, then 38.4 °C, then a NaN",
                $$"""{"at":"{{at}}","device":"AA:BB:CC:00:00:01","characteristic":"2A1C","value":"04 B0 0E 00 FE 04"}""",
                $$"""{"at":"{{now.ToString("O", CultureInfo.InvariantCulture)}}","device":"AA:BB:CC:00:00:01","characteristic":"2A1C","value":"00 80 01 00 FF"}""",
                $$"""{"at":"{{at}}","device":"AA:BB:CC:00:00:01","characteristic":"2A1C","value":"00 FF FF 7F 00"}""",
            ]);
            string[] args = ["--config", config, "--replay", replay, "--once"];
            using var handler = app.Server.CreateHandler();

            var (first, firstOut, _) = await RunAsync(args, handler);
            var (second, secondOut, _) = await RunAsync(args, handler);
            var (bad, _, badError) = await RunAsync(["--config", config, "--replay"], handler);
            var (noSecret, _, noSecretError) = await RunAsync(["--config", config, "--once"], handler, secret: null);

            (first, firstOut.Trim()).ShouldBe((0, "sent 2 now; kept: 2 sent, 0 refused by Varde, 0 waiting; 1 device values refused"));
            (second, secondOut.Trim()).ShouldBe((0, "sent 0 now; kept: 2 sent, 0 refused by Varde, 0 waiting; 2 device values refused"));
            (bad, badError.Trim()).ShouldBe((1, "Unknown or incomplete argument \"--replay\". Use: varde-gateway --config FILE [--replay FILE] [--once] [--bus ADDRESS]"));
            (noSecret, noSecretError.Trim()).ShouldBe((1, "The gateway's secret is missing: set VARDE_GATEWAY_SECRET (or \"clientSecret\")."));
            await using var db = app.Database.NewContext();
            var readings = await ReadingsFromAsync(db, "AA:BB:CC:00:00:01");
            readings.Select(m => m.Value).Order().ShouldBe([37.60m, 38.4m]);
            readings.Single(m => m.Value == 37.60m).Note.ShouldBe("Måleren meldte: målt i fingeren. (The device said: measured at: finger.)");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task When_varde_cannot_be_reached_the_command_keeps_the_readings_and_says_so()
    {
        var folder = Directory.CreateTempSubdirectory("varde-gateway-down-").FullName;
        try
        {
            var config = Path.Combine(folder, "gateway.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                server = "http://localhost/",
                clientId = TestWorld.GatewayClientId,
                store = Path.Combine(folder, "readings.db"),
                devices = new[] { new { address = "AA:BB:CC:00:00:02", patient = $"Patient/{TestWorld.PatientA}", serial = "T-2" } },
            }));
            var replay = Path.Combine(folder, "scale.jsonl");
            await File.WriteAllTextAsync(replay,
                $$"""{"at":"{{app.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)}}","device":"AA:BB:CC:00:00:02","characteristic":"2A9D","value":"00 10 27"}""");
            using var down = new UnreliableNetwork(app.Server.CreateHandler()) { Plan = () => NetworkFault.Down };
            using var up = app.Server.CreateHandler();

            var (whileDown, downOut, downError) = await RunAsync(["--config", config, "--replay", replay, "--once"], down);
            var (afterwards, upOut, _) = await RunAsync(["--config", config, "--once"], up);

            (whileDown, downOut.Trim()).ShouldBe((3, "sent 0 now; kept: 0 sent, 0 refused by Varde, 1 waiting; 0 device values refused"));
            downError.ShouldContain("Varde could not take the rest: no connection: Connection refused");
            (afterwards, upOut.Trim()).ShouldBe((0, "sent 1 now; kept: 1 sent, 0 refused by Varde, 0 waiting; 0 device values refused"));
            await using var db = app.Database.NewContext();
            (await ReadingsFromAsync(db, "AA:BB:CC:00:00:02")).ShouldHaveSingleItem().Value.ShouldBe(50m);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The readings Varde stored from the devices with these Bluetooth addresses (the class's tests share one database).</summary>
    private static async Task<List<Measurement>> ReadingsFromAsync(Varde.Data.VardeDbContext db, params string[] addresses)
    {
        var devices = await db.MeasuringDevices.AsNoTracking().Where(d => d.IdentifierSystem == ObservationBundle.BluetoothAddressSystem && addresses.Contains(d.IdentifierValue!))
            .Select(d => d.Id).ToListAsync();
        return await db.Measurements.AsNoTracking().Where(m => m.DeviceId != null && devices.Contains(m.DeviceId.Value)).ToListAsync();
    }

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static Task<CaptureOutcome> CaptureAsync(GatewayRig rig, string device, ushort characteristic, byte[] value, DateTimeOffset at) =>
        rig.Capture.CaptureAsync(device, characteristic, value, at);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string[] args, HttpMessageHandler handler, string? secret = TestWorld.GatewaySecret)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await GatewayCommand.RunAsync(args, name => name == GatewaySettings.SecretVariable ? secret : null, output, error, handler, default);
        return (exit, output.ToString(), error.ToString());
    }

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>A GATT Date Time for a local time, as hex.</summary>
    private static string Stamp(DateTimeOffset local) => Convert.ToHexString(DeviceDateTime.From(local.DateTime).ToBytes());

    /// <summary>A glucose record in mol/L (flags 0x06: concentration, mol/L), capillary whole blood at the finger.</summary>
    private static byte[] GlucoseRecord(ushort sequence, DateTimeOffset at, decimal mmolPerLitre)
    {
        var local = TimeZoneInfo.ConvertTime(at, Oslo);
        var mantissa = (int)(mmolPerLitre * 10); // mmol/L with one decimal = mantissa × 10^-4 mol/L
        var sfloat = (ushort)((0xC << 12) | (mantissa & 0x0FFF));
        return Bytes($"06 {sequence & 0xFF:X2} {sequence >> 8:X2} {Stamp(local)} {sfloat & 0xFF:X2} {sfloat >> 8:X2} 11");
    }
}

public sealed class ReferenceGatewayOnSqliteTests(SqliteApp app) : ReferenceGatewayTests(app), IClassFixture<SqliteApp>;

public sealed class ReferenceGatewayOnPostgresTests(PostgresApp app) : ReferenceGatewayTests(app), IClassFixture<PostgresApp>;
