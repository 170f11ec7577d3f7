using Varde.Devices;

namespace Varde.Gateway;

/// <summary>
/// A reading as the gateway keeps it until Varde has it: for whom, what, the value in the device's unit, when (and
/// whether that time is the device's or the receive time, and any doubt about it), what the device said about the
/// measurement, and the characteristic it came from (so the pulse knows whether a cuff or an oximeter measured it).
/// </summary>
public sealed record CapturedReading(
    string Patient,
    ReadingKind Kind,
    decimal Value,
    decimal? Diastolic,
    string Unit,
    DateTimeOffset EffectiveAt,
    ReadingTimeSource TimeSource,
    DeviceNote? TimeDoubt,
    IReadOnlyList<DeviceNote> Notes,
    ushort Characteristic);

/// <summary>A waiting reading with its local row id and client id.</summary>
public sealed record WaitingReading(long Id, string ClientId, string DeviceAddress, CapturedReading Reading);

/// <summary>What the gateway knows about a device from its Device Information service (or its settings).</summary>
public sealed record KnownDevice(string Address, string? Manufacturer, string? Model, string? Serial, int? LastSequence);
