namespace Varde.Devices;

/// <summary>
/// Temperature Measurement 0x2A1C (Health Thermometer service 0x1809). Flags: b0 °F (else °C), b1 time stamp, b2
/// temperature type. The temperature is a 32-bit FLOAT; a special value refuses it. Intermediate Temperature 0x2A1E has
/// the same layout and is never final.
/// </summary>
public static class TemperatureMeasurement
{
    public const ushort Uuid = 0x2A1C;
    public const ushort IntermediateUuid = 0x2A1E;

    private static readonly DeviceNote[] Sites =
    [
        new("", ""), new("armpit", "armhulen"), new("body (general)", "kroppen (generelt)"), new("ear", "øret"), new("finger", "fingeren"),
        new("gastro-intestinal tract", "mage-tarm-kanalen"), new("mouth", "munnen"), new("rectum", "endetarmen"), new("toe", "tåen"),
        new("tympanum (ear drum)", "trommehinnen"),
    ];

    public static GattParse<DeviceReport> Parse(ReadOnlySpan<byte> value, ushort characteristic = Uuid)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        if (!bytes.TryUInt32(out var raw))
            return Refused("too short: the temperature takes 4 bytes after the flags");
        if (MedicalNumber.DecodeFloat(raw, out var temperature) is var problem and not NumberProblem.None)
            return Refused($"temperature: {MedicalNumber.Describe(problem)}", MedicalNumber.IsOutsideRange(problem));

        if (!bytes.TryOptionalDateTime((flags & 0x02) != 0, out var time))
            return Refused("too short: the flags promise a time stamp");

        var notes = new List<DeviceNote>();
        if ((flags & 0x04) != 0)
        {
            if (!bytes.TryUInt8(out var type))
                return Refused("too short: the flags promise a temperature type");
            notes.Add(type < Sites.Length && type > 0
                ? new($"measured at: {Sites[type].En}", $"målt i {Sites[type].Nb}")
                : new($"measured at: unknown site {type}", $"målt på ukjent sted {type}"));
        }

        var reading = new DeviceReading(ReadingKind.BodyTemperature, temperature, (flags & 0x01) != 0 ? "[degF]" : "Cel", notes);
        return GattParse<DeviceReport>.Parsed(new DeviceReport(characteristic, [reading]) { Time = time, IsFinal = characteristic == Uuid });
    }

    private static GattParse<DeviceReport> Refused(string why, bool outsideRange = false) => GattParse<DeviceReport>.Refused($"Temperature measurement: {why}.", outsideRange);
}
