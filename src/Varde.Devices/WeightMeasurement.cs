namespace Varde.Devices;

/// <summary>
/// Weight Measurement 0x2A9D (Weight Scale service 0x181D). Flags: b0 imperial (lb, in; else kg, m), b1 time stamp, b2
/// user id, b3 BMI and height. Weight is a uint16 in steps of 0.005 kg or 0.01 lb; 0xFFFF means the measurement was
/// unsuccessful and refuses the value. BMI (0.1 kg/m²) and height are read for completeness, not reported.
/// </summary>
public static class WeightMeasurement
{
    public const ushort Uuid = 0x2A9D;
    public const ushort Unsuccessful = 0xFFFF;

    public static GattParse<DeviceReport> Parse(ReadOnlySpan<byte> value)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        var imperial = (flags & 0x01) != 0;
        if (!bytes.TryUInt16(out var raw))
            return Refused("too short: the weight takes 2 bytes after the flags");
        if (raw == Unsuccessful)
            return Refused("the scale says the measurement was unsuccessful (0xFFFF)");
        // 0.005 kg = 5 × 10⁻³ kg; 0.01 lb = 1 × 10⁻² lb. Exact decimals, precision as the resolution gives it.
        var weight = imperial ? new decimal(raw, 0, 0, false, 2) : new decimal(raw * 5, 0, 0, false, 3);

        if (!bytes.TryOptionalDateTime((flags & 0x02) != 0, out var time))
            return Refused("too short: the flags promise a time stamp");

        byte? user = null;
        if ((flags & 0x04) != 0)
        {
            if (!bytes.TryUInt8(out var u))
                return Refused("too short: the flags promise a user id");
            user = u;
        }

        if ((flags & 0x08) != 0 && (!bytes.TryUInt16(out _) || !bytes.TryUInt16(out _)))
            return Refused("too short: the flags promise BMI and height");

        var reading = new DeviceReading(ReadingKind.BodyWeight, weight, imperial ? "[lb_av]" : "kg", []);
        return GattParse<DeviceReport>.Parsed(new DeviceReport(Uuid, [reading]) { Time = time, UserId = user == 0xFF ? null : user, UserUnknown = user == 0xFF });
    }

    private static GattParse<DeviceReport> Refused(string why) => GattParse<DeviceReport>.Refused($"Weight measurement: {why}.");
}
