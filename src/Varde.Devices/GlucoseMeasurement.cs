namespace Varde.Devices;

/// <summary>
/// Glucose Measurement 0x2A18 (Glucose service 0x1808). Flags: b0 time offset, b1 concentration with type and sample
/// location, b2 mol/L (else kg/L), b3 sensor status annunciation, b4 a Glucose Measurement Context follows (not read).
/// Always: sequence number (uint16) and base time. The concentration is an SFLOAT in kg/L or mol/L, reported as mg/dL
/// (kg/L × 10⁵) or mmol/L (mol/L × 10³) with its precision kept. Refused: no concentration, a control-solution test
/// (not the patient's blood), and a status that says the result is not valid (sensor malfunction, sample too small,
/// strip errors, a read interrupted, a device fault, sensor temperature out of range). "Higher/lower than the device can
/// process" keeps the value with a note: a HI reading is at least that high and must reach the nurse.
/// </summary>
public static class GlucoseMeasurement
{
    public const ushort Uuid = 0x2A18;
    public const int ControlSolutionType = 10;
    public const int ControlSolutionLocation = 4;

    private static readonly DeviceNote[] Types =
    [
        new("", ""), new("capillary whole blood", "kapillært fullblod"), new("capillary plasma", "kapillært plasma"),
        new("venous whole blood", "venøst fullblod"), new("venous plasma", "venøst plasma"), new("arterial whole blood", "arterielt fullblod"),
        new("arterial plasma", "arterielt plasma"), new("undetermined whole blood", "fullblod (uspesifisert)"),
        new("undetermined plasma", "plasma (uspesifisert)"), new("interstitial fluid", "vevsvæske"), new("control solution", "kontrollvæske"),
    ];

    private static readonly DeviceNote[] Locations =
        [new("", ""), new("finger", "finger"), new("alternate site test", "annet stikksted"), new("earlobe", "øreflipp"), new("control solution", "kontrollvæske")];

    /// <summary>Status bits that make the result invalid, with what they mean.</summary>
    private static readonly (ushort Bit, string Meaning)[] Invalidating =
    [
        (0x0002, "sensor malfunction"),
        (0x0004, "sample size insufficient"),
        (0x0008, "strip insertion error"),
        (0x0010, "strip type incorrect for the device"),
        (0x0080, "sensor temperature too high for a valid test"),
        (0x0100, "sensor temperature too low for a valid test"),
        (0x0200, "sensor read interrupted (strip pulled too soon)"),
        (0x0400, "general device fault"),
    ];

    public static GattParse<DeviceReport> Parse(ReadOnlySpan<byte> value)
    {
        var bytes = new GattBytes(value);
        if (!bytes.TryUInt8(out var flags))
            return Refused("empty value");
        if (!bytes.TryUInt16(out var sequence) || !bytes.TryDateTime(out var baseTime))
            return Refused("too short: the sequence number and base time take 9 bytes after the flags");
        short offset = 0;
        if ((flags & 0x01) != 0 && !bytes.TrySInt16(out offset))
            return Refused($"record {sequence}: too short: the flags promise a time offset");
        if ((flags & 0x02) == 0)
            return Refused($"record {sequence}: no concentration in the record");
        if (!bytes.TryUInt16(out var rawConcentration) || !bytes.TryUInt8(out var typeAndLocation))
            return Refused($"record {sequence}: too short: the flags promise a concentration, type and sample location");
        ushort status = 0;
        if ((flags & 0x08) != 0 && !bytes.TryUInt16(out status))
            return Refused($"record {sequence}: too short: the flags promise a sensor status annunciation");

        var type = typeAndLocation & 0x0F;
        var location = typeAndLocation >> 4;
        if (type == ControlSolutionType || location == ControlSolutionLocation)
            return Refused($"record {sequence}: a control-solution test, not the patient's blood");
        foreach (var (bit, meaning) in Invalidating)
        {
            if ((status & bit) != 0)
                return Refused($"record {sequence}: the meter says the result is not valid: {meaning}");
        }

        if (MedicalNumber.DecodeSFloat(rawConcentration, out var concentration) is var problem and not NumberProblem.None)
            return Refused($"record {sequence}: concentration: {MedicalNumber.Describe(problem)}", MedicalNumber.IsOutsideRange(problem));
        var molar = (flags & 0x04) != 0;
        var reported = MedicalNumber.ShiftDecimal(concentration, molar ? 3 : 5);

        var notes = new List<DeviceNote>();
        if (type is > 0 and < ControlSolutionType)
            notes.Add(new($"sample: {Types[type].En}", $"prøve: {Types[type].Nb}"));
        if (location is > 0 and < ControlSolutionLocation)
            notes.Add(new($"site: {Locations[location].En}", $"stikksted: {Locations[location].Nb}"));
        if ((status & 0x0001) != 0)
            notes.Add(new("meter battery low", "lavt batteri i måleren"));
        if ((status & 0x0020) != 0)
            notes.Add(new("higher than the meter can measure (HI): at least this value", "høyere enn måleren kan måle (HI): minst denne verdien"));
        if ((status & 0x0040) != 0)
            notes.Add(new("lower than the meter can measure (LO): at most this value", "lavere enn måleren kan måle (LO): høyst denne verdien"));

        var reading = new DeviceReading(ReadingKind.BloodGlucose, reported, molar ? "mmol/L" : "mg/dL", notes);
        return GattParse<DeviceReport>.Parsed(new DeviceReport(Uuid, [reading])
        {
            Time = baseTime,
            TimeOffsetMinutes = offset,
            SequenceNumber = sequence,
            ClockNotSet = (status & 0x0800) != 0,
        });
    }

    private static GattParse<DeviceReport> Refused(string why, bool outsideRange = false) => GattParse<DeviceReport>.Refused($"Glucose measurement: {why}.", outsideRange);
}
