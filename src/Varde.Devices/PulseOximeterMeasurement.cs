namespace Varde.Devices;

/// <summary>
/// Pulse Oximeter service 0x1822: PLX Spot-check Measurement 0x2A5E (final readings) and PLX Continuous Measurement
/// 0x2A5F (the live value while measuring; never a report). SpO2 (%) and pulse rate (/min) are SFLOATs. Spot-check
/// flags: b0 time stamp, b1 measurement status, b2 device and sensor status (uint24), b3 pulse amplitude index, b4
/// device clock not set. A measurement status or a device/sensor status that says the value is not a real patient
/// measurement (invalid, unavailable, demonstration or test data, calibrating, still measuring; sensor off the finger,
/// displaced, disconnected or broken, equipment malfunction) refuses it; the softer ones (questionable, low perfusion,
/// poor signal…) become notes.
/// </summary>
public static class PulseOximeterMeasurement
{
    public const ushort SpotCheckUuid = 0x2A5E;
    public const ushort ContinuousUuid = 0x2A5F;

    private static readonly (ushort Bit, string Meaning, string Nb, bool Refuses)[] MeasurementStatus =
    [
        (0x0020, "measurement ongoing", "", true),
        (0x0040, "early estimated data", "tidlig estimat", false),
        (0x0200, "data from measurement storage", "fra målerens minne", false),
        (0x0400, "data for demonstration", "", true),
        (0x0800, "data for testing", "", true),
        (0x1000, "calibration ongoing", "", true),
        (0x2000, "measurement unavailable", "", true),
        (0x4000, "questionable measurement detected", "tvilsom måling", false),
        (0x8000, "invalid measurement detected", "", true),
    ];

    private static readonly (uint Bit, string Meaning, string Nb, bool Refuses)[] SensorStatus =
    [
        (0x000002, "equipment malfunction detected", "", true),
        (0x000004, "signal processing irregularity detected", "uregelmessighet i signalbehandlingen", false),
        (0x000008, "inadequate signal detected", "utilstrekkelig signal", false),
        (0x000010, "poor signal detected", "dårlig signal", false),
        (0x000020, "low perfusion detected", "lav perfusjon (dårlig blodsirkulasjon i fingeren)", false),
        (0x000040, "erratic signal detected", "ustabilt signal", false),
        (0x000080, "non-pulsatile signal detected", "signal uten puls", false),
        (0x000100, "questionable pulse detected", "tvilsom puls", false),
        (0x000400, "sensor interference detected", "forstyrrelse av sensoren", false),
        (0x000800, "sensor unconnected to user", "", true),
        (0x001000, "unknown sensor connected", "", true),
        (0x002000, "sensor displaced", "", true),
        (0x004000, "sensor malfunctioning", "", true),
        (0x008000, "sensor disconnected", "", true),
    ];

    public static GattParse<DeviceReport> ParseSpotCheck(ReadOnlySpan<byte> value)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        if (!bytes.TryUInt16(out var rawSpO2) || !bytes.TryUInt16(out var rawPulse))
            return Refused("too short: SpO2 and pulse rate take 4 bytes after the flags");
        if (!bytes.TryOptionalDateTime((flags & 0x01) != 0, out var time))
            return Refused("too short: the flags promise a time stamp");

        return Finish(ref bytes, SpotCheckUuid, flags, measurementStatusFlag: 0x02, sensorStatusFlag: 0x04, paiFlag: 0x08, rawSpO2, rawPulse, time,
            clockNotSet: (flags & 0x10) != 0);
    }

    public static GattParse<DeviceReport> ParseContinuous(ReadOnlySpan<byte> value)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        if (!bytes.TryUInt16(out var rawSpO2) || !bytes.TryUInt16(out var rawPulse))
            return Refused("too short: SpO2 and pulse rate take 4 bytes after the flags");
        // The fast and slow averages (b0, b1) are read past: Varde reports the normal one.
        if ((flags & 0x01) != 0 && (!bytes.TryUInt16(out _) || !bytes.TryUInt16(out _)))
            return Refused("too short: the flags promise the fast SpO2 and pulse rate");
        if ((flags & 0x02) != 0 && (!bytes.TryUInt16(out _) || !bytes.TryUInt16(out _)))
            return Refused("too short: the flags promise the slow SpO2 and pulse rate");
        return Finish(ref bytes, ContinuousUuid, flags, measurementStatusFlag: 0x04, sensorStatusFlag: 0x08, paiFlag: 0x10, rawSpO2, rawPulse, null,
            clockNotSet: false);
    }

    private static GattParse<DeviceReport> Finish(ref GattBytes bytes, ushort characteristic, byte flags, int measurementStatusFlag, int sensorStatusFlag,
        int paiFlag, ushort rawSpO2, ushort rawPulse, DeviceDateTime? time, bool clockNotSet)
    {
        var notes = new List<DeviceNote>();
        var fromStorage = false;
        if ((flags & measurementStatusFlag) != 0)
        {
            if (!bytes.TryUInt16(out var status))
                return Refused("too short: the flags promise a measurement status");
            fromStorage = (status & 0x0200) != 0;
            foreach (var (bit, meaning, norwegian, refuses) in MeasurementStatus)
            {
                if ((status & bit) == 0)
                    continue;
                if (refuses)
                    return Refused($"the oximeter says: {meaning}");
                notes.Add(new(meaning, norwegian));
            }
        }

        if ((flags & sensorStatusFlag) != 0)
        {
            if (!bytes.TryUInt24(out var status))
                return Refused("too short: the flags promise a device and sensor status");
            foreach (var (bit, meaning, norwegian, refuses) in SensorStatus)
            {
                if ((status & bit) == 0)
                    continue;
                if (refuses)
                    return Refused($"the oximeter says: {meaning}");
                notes.Add(new(meaning, norwegian));
            }
        }

        if ((flags & paiFlag) != 0 && !bytes.TryUInt16(out _))
            return Refused("too short: the flags promise a pulse amplitude index");
        if (MedicalNumber.DecodeSFloat(rawSpO2, out var spO2) is var s and not NumberProblem.None)
            return Refused($"SpO2: {MedicalNumber.Describe(s)}", MedicalNumber.IsOutsideRange(s));
        var readings = new List<DeviceReading> { new(ReadingKind.OxygenSaturation, spO2, "%", notes) };
        var pulseProblem = MedicalNumber.DecodeSFloat(rawPulse, out var pulse);
        if (pulseProblem == NumberProblem.None)
            readings.Add(new DeviceReading(ReadingKind.Pulse, pulse, "/min", notes));
        else
            notes.Add(new($"pulse rate left out: {MedicalNumber.Describe(pulseProblem)}", "pulsen er utelatt: oksymeteret ga ingen gyldig verdi"));
        return GattParse<DeviceReport>.Parsed(new DeviceReport(characteristic, readings)
        {
            Time = time,
            ClockNotSet = clockNotSet,
            FromStorage = fromStorage,
            IsFinal = characteristic == SpotCheckUuid,
        });
    }

    private static GattParse<DeviceReport> Refused(string why, bool outsideRange = false) => GattParse<DeviceReport>.Refused($"Pulse oximeter measurement: {why}.", outsideRange);
}
