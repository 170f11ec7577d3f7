using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Devices;
using Varde.Domain.Measurements;
using Varde.Server.Features.PatientApp;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>
/// Issue 23 item 2, the server's half: the patient app sends a Bluetooth device's value as the device sent it
/// (POST /pasient/api/device-readings); Varde reads it with the gateway's parser, registers the device once, stores the
/// readings through the one intake path, and refuses what the device itself marks as no real measurement.
/// </summary>
public abstract class PatientAppDeviceReadingTests(VardeApp app)
{
    private const string Path = "/pasient/api/device-readings";

    [Fact]
    public async Task A_blood_pressure_from_a_paired_monitor_is_stored_with_its_pulse_device_and_note_and_sent_again_it_stores_nothing()
    {
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, TestWorld.PatientA);
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo).AddMinutes(-1);
        var hex = $"16 8A 00 58 00 78 00 {Stamp(local)} 3C 00 04 00";

        var first = await tablet.PostAsJsonAsync(Path, Body("bp-app-1", "2A35", hex, now, "monitor-aaaa"));
        // The monitor sends the same stored reading again on the next connection; the app gives it a new id.
        var again = await tablet.PostAsJsonAsync(Path, Body("bp-app-2", "2A35", hex, now.AddMinutes(5), "monitor-aaaa"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var readings = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readings").EnumerateArray().ToList();
        var ids = readings.Select(r => r.GetProperty("id").GetGuid()).ToList();
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe(ids);
        await using var db = app.Database.NewContext();
        var stored = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Type).ToListAsync();
        stored.ShouldAllBe(m => m.ClientId.StartsWith("ble-"), "a reading the device timed is known by the device and the measurement");
        stored.Select(m => (m.Type, m.Value, m.SecondValue)).ShouldBe([(MeasurementType.BloodPressure, 138m, (decimal?)88m), (MeasurementType.Pulse, 60m, null)]);
        (await db.Measurements.AsNoTracking().CountAsync(m => m.PatientId == TestWorld.PatientA && m.DeviceId == stored[0].DeviceId)).ShouldBe(2);
        stored[0].EffectiveAt.ShouldBe(now.AddMinutes(-1).AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)));
        stored[0].Note.ShouldBe("Måleren meldte: uregelmessig puls. (The device said: irregular pulse.)");
        var device = await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.Id == stored[0].DeviceId);
        (device.Manufacturer, device.Model, device.IdentifierSystem, device.IdentifierValue, device.OrganisationId)
            .ShouldBe(("Omron", "HEM-7361T", RecordDeviceReading.BrowserDeviceSystem, "monitor-aaaa", TestWorld.North));
        stored[1].DeviceId.ShouldBe(device.Id);
    }

    [Fact]
    public async Task A_glucose_meters_memory_fetched_twice_is_stored_once_whatever_ids_the_app_gave()
    {
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, TestWorld.PatientA);
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo);
        for (var fetch = 0; fetch < 2; fetch++)
        {
            for (var sequence = 1; sequence <= 3; sequence++)
            {
                var response = await tablet.PostAsJsonAsync(Path,
                    Body($"app-{fetch}-{sequence}", "2A18", $"06 {sequence:X2} 00 {Stamp(local.AddHours(-sequence))} 37 C0 11", now, "meter-bbbb"));
                response.StatusCode.ShouldBe(fetch == 0 ? HttpStatusCode.Created : HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
        }

        await using var db = app.Database.NewContext();
        var meter = await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.IdentifierValue == "meter-bbbb");
        var stored = await db.Measurements.AsNoTracking().Where(m => m.DeviceId == meter.Id).ToListAsync();
        stored.Count.ShouldBe(3);
        stored.ShouldAllBe(m => m.Type == MeasurementType.BloodGlucose && m.Value == 5.5m && m.ClientId.StartsWith("ble-"));
    }

    [Theory]
    [InlineData("2A35", "00 FF 07 58 00 78 00", "value", "Måleren sendte en måling som ikke kan brukes. Mål på nytt, eller skriv inn tallene. (Blood pressure measurement: systolic: not a number")]
    [InlineData("2A18", "06 01 00 EA 07 0B 18 07 05 00 FE 07 11", "value", "Måleren viser at verdien er utenfor det den kan måle.")]
    [InlineData("2A5E", "04 62 00 48 00 00 08 00", "value", "sensor unconnected to user")]
    [InlineData("2A18", "06 01 00 EA 07 0B 18 07 05 00 37 C0 1A", "value", "control-solution")]
    [InlineData("2A36", "00 50 00 FF 07 FF 07", "value", "not a finished measurement")]
    [InlineData("2A37", "00 55", "characteristic", "not a health measurement Varde reads")]
    [InlineData("2A35", "8A 0", "value", "bytes in hex")]
    public async Task A_value_that_is_no_real_measurement_is_refused_by_field_and_nothing_is_stored(string characteristic, string hex, string field, string reason)
    {
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, TestWorld.PatientA);
        var clientId = "refused-" + Guid.NewGuid().ToString("N")[..8];

        var response = await tablet.PostAsJsonAsync(Path, Body(clientId, characteristic, hex, app.Clock.GetUtcNow(), "device-cccc"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty(field)[0].GetString()!.ShouldContain(reason);
        await using var db = app.Database.NewContext();
        (await db.Measurements.AnyAsync(m => m.ClientId.StartsWith(clientId))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_guests_reading_an_untimed_stored_record_and_one_older_than_30_days_are_not_taken()
    {
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, TestWorld.PatientA);
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo);

        // Flags 0x0A: time stamp and user: the guest (0xFF) on a shared monitor.
        var guest = await tablet.PostAsJsonAsync(Path, Body("guest-1", "2A35", $"0A 8A 00 58 00 78 00 {Stamp(local.AddMinutes(-1))} FF", now, "monitor-eeee"));
        // A glucose record whose meter says its clock has a fault (status bit 0x0800).
        var untimed = await tablet.PostAsJsonAsync(Path, Body("untimed-1", "2A18", $"0E 07 00 {Stamp(local.AddDays(-3))} 37 C0 11 00 08", now, "meter-ffff"));
        var old = await tablet.PostAsJsonAsync(Path, Body("old-1", "2A18", $"06 08 00 {Stamp(local.AddDays(-40))} 37 C0 11", now, "meter-ffff"));

        foreach (var (response, words) in new[] { (guest, "gjest"), (untimed, "ikke riktig klokke"), (old, "eldre enn 30 dager") })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("value")[0].GetString()!.ShouldContain(words);
        }
    }

    [Fact]
    public async Task Staff_and_anonymous_callers_cannot_send_as_a_patients_app()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var body = Body("x-1", "2A35", "00 8A 00 58 00 78 00", app.Clock.GetUtcNow(), "device-dddd");

        (await app.CreateClient().PostAsJsonAsync(Path, body)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync(Path, body)).StatusCode.ShouldBeOneOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden);
    }

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static object Body(string clientId, string characteristic, string hex, DateTimeOffset receivedAt, string deviceId) => new
    {
        clientId,
        characteristic,
        value = hex,
        receivedAt,
        device = new { id = deviceId, manufacturer = "Omron", model = "HEM-7361T", serial = (string?)null },
    };

    private static string Stamp(DateTimeOffset local) => Convert.ToHexString(DeviceDateTime.From(local.DateTime).ToBytes());
}

public sealed class PatientAppDeviceReadingOnSqliteTests(SqliteApp app) : PatientAppDeviceReadingTests(app), IClassFixture<SqliteApp>;

public sealed class PatientAppDeviceReadingOnPostgresTests(PostgresApp app) : PatientAppDeviceReadingTests(app), IClassFixture<PostgresApp>;
