namespace Varde.Devices;

/// <summary>Where a reading's time came from.</summary>
public enum ReadingTimeSource
{
    /// <summary>The device's own time stamp, in its zone.</summary>
    Device,
    /// <summary>When the gateway or app received it: the device gave no time, an incomplete one, or said its clock is not set.</summary>
    Received,
}

/// <summary>
/// The time a reading is reported with, where it came from, and — when it is doubtful — why (English, short). A
/// doubtful device time is still the device's: Varde's intake applies its own rule (ADR 0016: more than 5 minutes
/// ahead, before enrolment or older than the plan allows is judged as measured when received and says "Usikkert
/// tidspunkt"), so the nurse sees the same flag whichever door the reading came through.
/// </summary>
public sealed record ReadingTime(DateTimeOffset At, ReadingTimeSource Source, DeviceNote? Doubt);

/// <summary>
/// Device clocks are not trusted blindly (the PHD IG's assumption: cheap devices, no time sync; the gateway is synced).
/// A device time is used when complete and the device did not say its clock is unset; it is read in the device's zone
/// (devices keep local time), and a time more than <see cref="AheadAllowance"/> ahead of the receive time is marked
/// doubtful. Records fetched from a meter's memory are rightly in the past and are not doubtful for that.
/// </summary>
public static class DeviceClock
{
    public static readonly TimeSpan AheadAllowance = TimeSpan.FromMinutes(5);

    public static ReadingTime TimeOf(DeviceReport report, DateTimeOffset receivedAt, TimeZoneInfo deviceZone)
    {
        if (report.ClockNotSet)
            return new ReadingTime(receivedAt, ReadingTimeSource.Received, new("the device says its clock is not set", "måleren sier at klokken ikke er stilt"));
        if (report.Time is not { } stamp)
        {
            // A value measured just now needs no time of its own; one from the device's memory without a time is doubtful.
            return new ReadingTime(receivedAt, ReadingTimeSource.Received, report.FromStorage
                ? new("the device sent a stored measurement without its time", "måleren sendte en lagret måling uten tidspunkt")
                : null);
        }
        if (stamp.ToDateTime() is not { } local || local.Year >= 9999)
            return new ReadingTime(receivedAt, ReadingTimeSource.Received, new($"the device's time is incomplete ({stamp})", $"målerens tid er ufullstendig ({stamp})"));
        local = local.AddMinutes(report.TimeOffsetMinutes);
        var at = InZone(local, deviceZone);
        var ahead = at - receivedAt;
        return ahead > AheadAllowance
            ? new ReadingTime(at, ReadingTimeSource.Device, new($"the device's time is {Math.Round(ahead.TotalMinutes)} minutes ahead of the receiver's clock",
                $"målerens tid er {Math.Round(ahead.TotalMinutes)} minutter foran mottakerens klokke"))
            : new ReadingTime(at, ReadingTimeSource.Device, null);
    }

    /// <summary>A local time in a zone: an hour that occurs twice (autumn) takes the first (summer time), one skipped (spring) the offset before the change.</summary>
    private static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        if (zone.IsInvalidTime(local))
            return new DateTimeOffset(local, zone.GetUtcOffset(local.AddHours(-1)));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
