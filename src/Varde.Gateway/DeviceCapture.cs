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
            await store.AddRefusedValueAsync(address, characteristic, parse.Refusal!, receivedAt, ct);
            GatewayLog.ValueRefused(logger, address, characteristic.ToString("X4", CultureInfo.InvariantCulture), parse.Refusal!);
            return CaptureOutcome.Refused;
        }

        if (!report.IsFinal)
            return CaptureOutcome.NotFinal;
        if (paired.User is { } user && report.UserId is { } reported && reported != user)
        {
            await store.AddRefusedValueAsync(address, characteristic, $"user {reported} on the device is not the paired user {user}", receivedAt, ct);
            return CaptureOutcome.Refused;
        }

        var time = DeviceClock.TimeOf(report, receivedAt, settings.Zone);
        if (time.Doubt is { } doubt)
            GatewayLog.DoubtfulTime(logger, address, doubt.En);
        var key = report.SequenceNumber is { } sequence
            ? $"{address}/glucose/{sequence}/{report.Time}"
            : $"{address}/{characteristic:X4}/{Convert.ToHexString(SHA256.HashData(value))[..16]}/{(time.Source == ReadingTimeSource.Device ? report.Time.ToString() : receivedAt.ToString("O", CultureInfo.InvariantCulture))}";
        var kept = false;
        foreach (var reading in report.Readings)
        {
            var captured = new CapturedReading(paired.Patient, reading.Kind, reading.Value, reading.Diastolic, reading.Unit, time.At, time.Source, time.Doubt,
                reading.Notes, characteristic);
            kept |= await store.AddAsync(ClientId(key, reading.Kind), address, captured, receivedAt, ct);
        }

        if (report.SequenceNumber is { } lastKept)
            await store.KeepSequenceAsync(address, lastKept, ct);
        return kept ? CaptureOutcome.Kept : CaptureOutcome.AlreadyKept;
    }

    /// <summary>
    /// The client id: a short hash of the measurement's key and what it measures, so it is the same every time the same
    /// measurement is read and tells nothing about the patient.
    /// </summary>
    private static string ClientId(string key, ReadingKind kind) =>
        $"{kind.ToString().ToLowerInvariant()}-{Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}";

    private static DeviceText? DeviceTextField(ushort characteristic) => characteristic switch
    {
        DeviceInformation.ManufacturerNameUuid => DeviceText.Manufacturer,
        DeviceInformation.ModelNumberUuid => DeviceText.Model,
        DeviceInformation.SerialNumberUuid => DeviceText.Serial,
        _ => null,
    };
}
