using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Varde.Devices;

namespace Varde.Gateway;

/// <summary>What became of one characteristic value.</summary>
public enum CaptureOutcome
{
    /// <summary>New readings kept, waiting to be sent.</summary>
    Kept,
    /// <summary>Every reading in it was already kept (a stored record read again).</summary>
    AlreadyKept,
    /// <summary>A live value while measuring (intermediate cuff pressure, continuous oximetry): not a report.</summary>
    NotFinal,
    /// <summary>Device Information (manufacturer, model, serial) noted for the device's registration.</summary>
    DeviceInformation,
    /// <summary>The device's value could not be read honestly (its reason is kept); or the device or user is not paired.</summary>
    Refused,
}

/// <summary>
/// Turns a characteristic value from a paired device into kept readings: parsed by <see cref="HealthCharacteristics"/>,
/// timed by <see cref="DeviceClock"/>, and kept under a client id that is the same each time the same measurement is
/// read (a glucose record: the meter, its sequence number and its time; anything else: the device, the characteristic,
/// the bytes and the time they carry or were received at). Nothing is sent from here: the forwarder does that.
/// Logs name devices and reasons, never patients or values.
/// </summary>
public sealed class DeviceCapture(GatewaySettings settings, ReadingStore store, ILogger<DeviceCapture> logger)
{
    public async Task<CaptureOutcome> CaptureAsync(string address, ushort characteristic, byte[] value, DateTimeOffset receivedAt, CancellationToken ct = default)
    {
        address = address.ToUpperInvariant();
        if (settings.Device(address) is not { } paired)
        {
            GatewayLog.NotPaired(logger, address);
            return CaptureOutcome.Refused;
        }

        if (DeviceTextField(characteristic) is { } field)
        {
            if (DeviceInformation.ReadText(value) is { } text)
                await store.SetDeviceTextAsync(address, field, text, ct);
            return CaptureOutcome.DeviceInformation;
        }

        var parse = HealthCharacteristics.Read(characteristic, value);
        if (parse.Value is not { } report)
        {
            if (parse.OutsideDeviceRange)
                GatewayLog.OutsideDeviceRange(logger, address);
            return await RefuseAsync(address, characteristic, parse.Refusal!, receivedAt, ct);
        }

        if (!report.IsFinal)
            return CaptureOutcome.NotFinal;
        // A device that sends no user at all is a one-person device: the pairing's user does not apply to it.
        if (paired.User is { } user && (report.UserUnknown || (report.UserId is { } sent && sent != user)))
        {
            var who = report.UserUnknown ? "a guest (unknown user)" : $"user {report.UserId}";
            return await RefuseAsync(address, characteristic, $"the reading is {who} on the device, not the paired user {user}", receivedAt, ct);
        }

        var time = DeviceClock.TimeOf(report, receivedAt, settings.Zone);
        if (report.SequenceNumber is not null && time.Source == ReadingTimeSource.Received)
        {
            // A record from a meter's memory whose clock it says is wrong has no time Varde can give it: "now" would judge
            // an old value as today's. Not taken; the patient can type it with its time.
            return await RefuseAsync(address, characteristic, $"a stored record without a trustworthy time ({time.Doubt?.En})", receivedAt, ct);
        }

        if (paired.PairedSince is { } since && time.Source == ReadingTimeSource.Device && time.At < since)
            return await RefuseAsync(address, characteristic, "measured before the device was paired with this patient (an earlier user's reading in its memory)", receivedAt, ct);
        if (time.Doubt is { } doubt)
            GatewayLog.DoubtfulTime(logger, address, doubt.En);
        var kept = false;
        foreach (var reading in report.Readings)
        {
            var captured = new CapturedReading(paired.Patient, reading.Kind, reading.Value, reading.Diastolic, reading.Unit, time.At, time.Source, time.Doubt,
                reading.Notes, characteristic);
            kept |= await store.AddAsync(ClientId(address, report, reading, time), address, captured, receivedAt, ct);
        }

        if (report.SequenceNumber is { } lastKept)
            await store.KeepSequenceAsync(address, lastKept, time.At, ct);
        return kept ? CaptureOutcome.Kept : CaptureOutcome.AlreadyKept;
    }

    private async Task<CaptureOutcome> RefuseAsync(string address, ushort characteristic, string reason, DateTimeOffset receivedAt, CancellationToken ct)
    {
        await store.AddRefusedValueAsync(address, characteristic, reason, receivedAt, ct);
        GatewayLog.ValueRefused(logger, address, characteristic.ToString("X4", CultureInfo.InvariantCulture), reason);
        return CaptureOutcome.Refused;
    }

    /// <summary>
    /// The client id, from what the measurement is, not from its bytes (a status bit such as "from the device's memory"
    /// changes the bytes, not the measurement): the device, what it measures, the device's time for it (a glucose record:
    /// its sequence number and time) and the values. A measurement without a device time is keyed by when it was
    /// received: the device cannot tell a resend of it from a new one with the same values. Hashed, so the id tells nothing
    /// about the patient.
    /// </summary>
    private static string ClientId(string address, DeviceReport report, DeviceReading reading, ReadingTime time)
    {
        var when = time.Source == ReadingTimeSource.Device || report.SequenceNumber is not null
            ? $"device {report.Time} {report.TimeOffsetMinutes:+0;-0}"
            : $"received {time.At:O}";
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{address}|{reading.Kind}|{report.SequenceNumber}|{when}|{reading.Value}|{reading.Diastolic}|{reading.Unit}");
        return $"{reading.Kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}";
    }

    private static DeviceText? DeviceTextField(ushort characteristic) => characteristic switch
    {
        DeviceInformation.ManufacturerNameUuid => DeviceText.Manufacturer,
        DeviceInformation.ModelNumberUuid => DeviceText.Model,
        DeviceInformation.SerialNumberUuid => DeviceText.Serial,
        _ => null,
    };
}
