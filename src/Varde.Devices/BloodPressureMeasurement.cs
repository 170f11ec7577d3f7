namespace Varde.Devices;

/// <summary>
/// Blood Pressure Measurement 0x2A35 (Blood Pressure service 0x1810). Flags: b0 kPa (else mmHg), b1 time stamp, b2
/// pulse rate, b3 user id, b4 measurement status. Systolic, diastolic and mean arterial pressure are SFLOATs; a mean
/// that is NaN is left out, a systolic or diastolic that is not a number refuses the value. A pulse that is not a number
/// is left out with a note. Intermediate Cuff Pressure 0x2A36 has the same layout and is never final.
/// </summary>
public static class BloodPressureMeasurement
{
    public const ushort Uuid = 0x2A35;
    public const ushort IntermediateCuffPressureUuid = 0x2A36;

    public static GattParse<DeviceReport> Parse(ReadOnlySpan<byte> value, ushort characteristic = Uuid)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        var unit = (flags & 0x01) != 0 ? "kPa" : "mm[Hg]";
        if (!bytes.TryUInt16(out var rawSystolic) || !bytes.TryUInt16(out var rawDiastolic) || !bytes.TryUInt16(out var rawMean))
            return Refused("too short: systolic, diastolic and mean arterial pressure take 6 bytes after the flags");
        if (MedicalNumber.DecodeSFloat(rawSystolic, out var systolic) is var s and not NumberProblem.None)
            return Refused($"systolic: {MedicalNumber.Describe(s)}", MedicalNumber.IsOutsideRange(s));
        // Intermediate cuff pressure carries the cuff's current pressure as "systolic"; its diastolic is NaN by design.
        var intermediate = characteristic == IntermediateCuffPressureUuid;
        decimal? diastolic = null;
        if (MedicalNumber.DecodeSFloat(rawDiastolic, out var d) is var dp and not NumberProblem.None)
        {
            if (!intermediate)
                return Refused($"diastolic: {MedicalNumber.Describe(dp)}", MedicalNumber.IsOutsideRange(dp));
        }
        else
        {
            diastolic = d;
        }
        decimal? mean = MedicalNumber.DecodeSFloat(rawMean, out var m) == NumberProblem.None ? m : null;

        if (!bytes.TryOptionalDateTime((flags & 0x02) != 0, out var time))
            return Refused("too short: the flags promise a time stamp");

        var notes = new List<DeviceNote>();
        decimal? pulse = null;
        if ((flags & 0x04) != 0)
        {
            if (!bytes.TryUInt16(out var rawPulse))
                return Refused("too short: the flags promise a pulse rate");
            if (MedicalNumber.DecodeSFloat(rawPulse, out var p) is var problem and not NumberProblem.None)
                notes.Add(new($"pulse left out: {MedicalNumber.Describe(problem)}", "pulsen er utelatt: måleren ga ingen gyldig verdi"));
            else
                pulse = p;
        }

        byte? user = null;
        if ((flags & 0x08) != 0)
        {
            if (!bytes.TryUInt8(out var u))
                return Refused("too short: the flags promise a user id");
            user = u;
        }

        if ((flags & 0x10) != 0)
        {
            if (!bytes.TryUInt16(out var status))
                return Refused("too short: the flags promise a measurement status");
            notes.AddRange(StatusNotes(status));
        }

        var readings = new List<DeviceReading>
        {
            new(ReadingKind.BloodPressure, systolic, unit, notes) { Diastolic = diastolic, MeanArterial = mean },
        };
        if (pulse is { } bpm)
            readings.Add(new DeviceReading(ReadingKind.Pulse, bpm, "/min", []));
        return GattParse<DeviceReport>.Parsed(new DeviceReport(characteristic, readings)
        {
            Time = time,
            UserId = user == 0xFF ? null : user,
            UserUnknown = user == 0xFF,
            IsFinal = !intermediate,
        });
    }

    /// <summary>Measurement status bits: b0 body movement, b1 cuff too loose, b2 irregular pulse, b3–4 pulse range, b5 improper position.</summary>
    public static IEnumerable<DeviceNote> StatusNotes(ushort status)
    {
        if ((status & 0x0001) != 0)
            yield return new("body movement during measurement", "bevegelse under målingen");
        if ((status & 0x0002) != 0)
            yield return new("cuff too loose", "mansjetten satt for løst");
        if ((status & 0x0004) != 0)
            yield return new("irregular pulse", "uregelmessig puls");
        switch ((status >> 3) & 0x3)
        {
            case 1:
                yield return new("pulse above the device's upper limit", "pulsen over målerens øvre grense");
                break;
            case 2:
                yield return new("pulse below the device's lower limit", "pulsen under målerens nedre grense");
                break;
        }

        if ((status & 0x0020) != 0)
            yield return new("improper measurement position", "feil stilling under målingen");
    }

    private static GattParse<DeviceReport> Refused(string why, bool outsideRange = false) => GattParse<DeviceReport>.Refused($"Blood pressure measurement: {why}.", outsideRange);
}
