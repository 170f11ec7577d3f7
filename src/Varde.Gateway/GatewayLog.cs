using Microsoft.Extensions.Logging;

namespace Varde.Gateway;

/// <summary>Everything the gateway logs: devices, counts and reasons — never a patient or a value.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(LogLevel.Warning, "A value from {Device}, which is not paired with a patient, was not taken.")]
    public static partial void NotPaired(ILogger logger, string device);

    [LoggerMessage(LogLevel.Warning, "A value from {Device} (0x{Characteristic}) was refused: {Reason}")]
    public static partial void ValueRefused(ILogger logger, string device, string characteristic, string reason);

    [LoggerMessage(LogLevel.Error, "Device {Device} measured a value beyond its range (±INFINITY): it has no number, so Varde cannot take it; contact the patient paired with it.")]
    public static partial void OutsideDeviceRange(ILogger logger, string device);

    [LoggerMessage(LogLevel.Information, "A reading from {Device} has a doubtful time: {Doubt}")]
    public static partial void DoubtfulTime(ILogger logger, string device, string doubt);

    [LoggerMessage(LogLevel.Warning, "Varde refused a transaction of {Count} readings ({Status}: {Reason}); sending them one by one.")]
    public static partial void TransactionRefused(ILogger logger, int count, int status, string reason);

    [LoggerMessage(LogLevel.Warning, "Varde refused reading {ClientId} ({Status}: {Reason}); it is kept and not sent again.")]
    public static partial void ReadingRefused(ILogger logger, string clientId, int status, string reason);

    [LoggerMessage(LogLevel.Warning, "Varde refused to register device {Device} ({Status}: {Reason}); its readings wait for the settings to be put right.")]
    public static partial void DeviceRefused(ILogger logger, string device, int status, string reason);

    [LoggerMessage(LogLevel.Warning, "Varde did not find the patient of reading {ClientId} ({Reason}); it is set aside for an hour and tried again.")]
    public static partial void ReadingSetAside(ILogger logger, string clientId, string reason);

    [LoggerMessage(LogLevel.Error, "The gateway's loop failed ({Error}); trying again in {Delay}.")]
    public static partial void LoopFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(LogLevel.Warning, "BlueZ answered {Error}: {Message}")]
    public static partial void BluezFailed(ILogger logger, string error, string message);

    [LoggerMessage(LogLevel.Information, "Device {Device} could not be reached now ({Error}); looking again later.")]
    public static partial void DeviceNotReached(ILogger logger, string device, string error);

    [LoggerMessage(LogLevel.Information, "Watching device {Device} ({Characteristics} characteristics).")]
    public static partial void DeviceWatched(ILogger logger, string device, int characteristics);

    [LoggerMessage(LogLevel.Information, "Device {Device} answered the record request: {Answer}")]
    public static partial void RecordAccess(ILogger logger, string device, string answer);

    [LoggerMessage(LogLevel.Information, "Sent {Sent} readings to Varde, {Refused} refused.")]
    public static partial void Sent(ILogger logger, int sent, int refused);

    [LoggerMessage(LogLevel.Warning, "Varde could not take the readings ({Reason}); trying again in {Delay}.")]
    public static partial void TryingLater(ILogger logger, string reason, TimeSpan delay);
}
