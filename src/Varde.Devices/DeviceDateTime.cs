using System.Buffers.Binary;
using System.Globalization;

namespace Varde.Devices;

/// <summary>
/// The GATT Date Time (7 bytes: year uint16, month, day, hours, minutes, seconds), in the device's own local time with
/// no zone. Year, month and day 0 mean "not known": such a time, or one that is not a real date, is
/// <see cref="IsComplete"/> false and is never used as the time of a reading.
/// </summary>
public readonly record struct DeviceDateTime(int Year, int Month, int Day, int Hours, int Minutes, int Seconds)
{
    public const int Length = 7;

    public static DeviceDateTime Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt16LittleEndian(bytes), bytes[2], bytes[3], bytes[4], bytes[5], bytes[6]);

    /// <summary>The 7 bytes for a local time (what a device sends; also what sets a device's clock).</summary>
    public static DeviceDateTime From(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second);

    public byte[] ToBytes() => [(byte)(Year & 0xFF), (byte)(Year >> 8), (byte)Month, (byte)Day, (byte)Hours, (byte)Minutes, (byte)Seconds];

    /// <summary>A real calendar time from 1582 on (the range GATT allows), with every part known.</summary>
    public bool IsComplete => ToDateTime() is not null;

    /// <summary>The time as an unzoned <see cref="DateTime"/>, or null when a part is unknown or out of range.</summary>
    public DateTime? ToDateTime()
    {
        if (Year is < 1582 or > 9999 || Month is < 1 or > 12 || Hours > 23 || Minutes > 59 || Seconds > 59)
            return null;
        if (Day < 1 || Day > DateTime.DaysInMonth(Year, Month))
            return null;
        return new DateTime(Year, Month, Day, Hours, Minutes, Seconds, DateTimeKind.Unspecified);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}-{Day:00} {Hours:00}:{Minutes:00}:{Seconds:00}");
}
