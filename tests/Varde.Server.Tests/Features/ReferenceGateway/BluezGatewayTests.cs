using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Tmds.DBus;
using Varde.Devices;
using Varde.Domain.Measurements;
using Varde.Gateway;
using Varde.Gateway.Bluez;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>
/// Issue 23 item 3, the live side: the gateway reads devices through BlueZ's D-Bus API — here a stand-in for bluetoothd
/// on a private bus (real dbus-daemon, real D-Bus messages; BlueZ is the process boundary). A blood-pressure monitor and
/// a glucose meter connect, are read (Device Information, notifications, the meter's memory through Record Access),
/// disconnect as devices do, and are read again: every reading reaches Varde once.
/// </summary>
public sealed class BluezGatewayTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    [Fact(Timeout = 60_000)]
    public async Task Live_devices_through_bluez_reach_varde_each_reading_once_across_disconnects()
    {
        var now = app.Clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Oslo);
        using var bus = new PrivateBus();
        using var bluezSide = new Connection(bus.Address);
        await bluezSide.ConnectAsync();
        var monitor = new FakeDevice("C4:7C:8D:6A:3E:09");
        monitor.Add(DeviceInformation.ManufacturerNameUuid, "Omron"u8.ToArray());
        monitor.Add(DeviceInformation.ModelNumberUuid, "HEM-7361T"u8.ToArray());
        monitor.Add(DeviceInformation.SerialNumberUuid, "SN-9"u8.ToArray());
        var pressure = monitor.Add(BloodPressureMeasurement.Uuid);
        var meter = new FakeDevice("E0:7D:EA:00:00:09");
        var glucose = meter.Add(GlucoseMeasurement.Uuid);
        var access = meter.Add(RecordAccessControlPoint.Uuid);
        var records = Enumerable.Range(1, 3).Select(i => Record((ushort)i, local.AddHours(-10 + i))).ToList();
        access.OnWrite = request =>
        {
            // Report stored records: all (01 01), or from a sequence number on (01 03 01 lo hi); then the answer.
            var from = request is [0x01, 0x03, 0x01, var lo, var hi] ? lo | (hi << 8) : 0;
            var sent = records.Where(r => r.Sequence >= from).ToList();
            sent.ForEach(r => glucose.Send(r.Bytes));
            access.Send(sent.Count > 0 ? [0x06, 0x00, 0x01, 0x01] : [0x06, 0x00, 0x01, 0x06]);
            return Task.CompletedTask;
        };
        await FakeBluez.StartAsync(bluezSide, monitor, meter);

        using var rig = await GatewayRig.StartAsync(app,
            new PairedDevice(monitor.Address, $"Patient/{TestWorld.PatientA}"), new PairedDevice(meter.Address, $"Patient/{TestWorld.PatientB}"));
        using var gatewaySide = new Connection(bus.Address);
        await gatewaySide.ConnectAsync();
        using var reader = new BluezReader(gatewaySide, rig.Settings, rig.Capture, rig.Store, app.Clock, NullLogger<BluezReader>.Instance);
        using var stop = new CancellationTokenSource();
        var running = reader.RunAsync(stop.Token);

        // The first look: both connected and subscribed, the meter's memory fetched (all records: none kept yet).
        await UntilAsync(() => pressure.Notifying && access.Written.Count == 1);
        access.Written[0].ShouldBe(new byte[] { 0x01, 0x01 });
        await UntilAsync(async () => (await rig.Store.CountsAsync()).Waiting == 3);
        // The patient measures: the monitor indicates its reading (138/88, pulse 60, at its clock a minute ago).
        var reading = Convert.FromHexString($"06{"8A00"}{"5800"}{"7800"}{Stamp(local.AddMinutes(-1))}{"3C00"}");
        pressure.Send(reading);
        await UntilAsync(async () => (await rig.Store.CountsAsync()).Waiting == 5);
        (await rig.Forwarder.SendWaitingAsync()).ShouldBe(new ForwardRound(5, 0, null));

        // Both sleep; the meter takes two more; the next look connects again: the monitor resends its last reading (kept
        // once), the meter is asked only for the records after the last one kept.
        monitor.Disconnect();
        meter.Disconnect();
        records.AddRange([Record(4, local.AddHours(-1)), Record(5, local.AddMinutes(-30))]);
        await UntilAsync(async () => { await reader.LookAsync(); return pressure.Notifying && access.Written.Count == 2; });
        access.Written[1].ShouldBe(new byte[] { 0x01, 0x03, 0x01, 0x04, 0x00 });
        pressure.Send(reading);
        await UntilAsync(async () => (await rig.Store.CountsAsync()).Waiting == 2);
        (await rig.Forwarder.SendWaitingAsync()).ShouldBe(new ForwardRound(2, 0, null));
        await stop.CancelAsync();
        await running;

        (monitor.Connects, meter.Connects).ShouldBe((2, 2));
        await using var db = app.Database.NewContext();
        var omron = await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.IdentifierValue == monitor.Address);
        (omron.Manufacturer, omron.Model, omron.SerialNumber).ShouldBe(("Omron", "HEM-7361T", "SN-9"));
        var fromMonitor = await db.Measurements.AsNoTracking().Where(m => m.DeviceId == omron.Id).ToListAsync();
        fromMonitor.Select(m => (m.PatientId, m.Type)).Order().ShouldBe([(TestWorld.PatientA, MeasurementType.BloodPressure), (TestWorld.PatientA, MeasurementType.Pulse)]);
        var meterId = (await db.MeasuringDevices.AsNoTracking().SingleAsync(d => d.IdentifierValue == meter.Address)).Id;
        var fromMeter = await db.Measurements.AsNoTracking().Where(m => m.DeviceId == meterId).ToListAsync();
        fromMeter.Count.ShouldBe(5, "each of the meter's five records once");
        fromMeter.ShouldAllBe(m => m.PatientId == TestWorld.PatientB && m.Type == MeasurementType.BloodGlucose);
        (await rig.Store.DeviceAsync(meter.Address))!.LastSequence.ShouldBe(5);
    }

    [Theory]
    [InlineData("00002a35-0000-1000-8000-00805f9b34fb", 0x2A35)]
    [InlineData("00002A18-0000-1000-8000-00805F9B34FB", 0x2A18)]
    [InlineData("6e400001-b5a3-f393-e0a9-e50e24dcca9e", null)] // a vendor's own 128-bit UUID
    [InlineData("2a35", null)]
    public void Only_the_sig_base_uuids_have_a_short_id(string uuid, int? id) => BluezReader.ShortUuid(uuid).ShouldBe((ushort?)id);

    private static (ushort Sequence, byte[] Bytes) Record(ushort sequence, DateTimeOffset local) =>
        (sequence, Convert.FromHexString($"06{sequence & 0xFF:X2}{sequence >> 8:X2}{Stamp(local)}37C011"));

    private static string Stamp(DateTimeOffset local) => Convert.ToHexString(DeviceDateTime.From(local.DateTime).ToBytes());

    private static async Task UntilAsync(Func<bool> done) => await UntilAsync(() => Task.FromResult(done()));

    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!await done())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException("The gateway did not get there in 15 s.");
            await Task.Delay(20);
        }
    }
}
