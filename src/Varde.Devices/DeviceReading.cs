namespace Varde.Devices;

/// <summary>What a reading from a standard health device measures (one per FHIR Observation Varde stores).</summary>
public enum ReadingKind
{
    BloodPressure,
    Pulse,
    OxygenSaturation,
    BodyWeight,
    BodyTemperature,
    BloodGlucose,
}

/// <summary>
/// One value from a device, in the UCUM unit the device used (mm[Hg] or kPa, kg or [lb_av], Cel or [degF], %, /min,
/// mmol/L or mg/dL); Varde's own unit conversion turns it into what it stores. Blood pressure carries systolic in
/// <see cref="Value"/> and diastolic in <see cref="Diastolic"/>. <see cref="Notes"/> are what the device said about the
/// measurement ("cuff too loose" / "mansjetten satt for løst").
/// </summary>
public sealed record DeviceReading(ReadingKind Kind, decimal Value, string Unit, IReadOnlyList<DeviceNote> Notes)
{
    public decimal? Diastolic { get; init; }

    /// <summary>The mean arterial pressure a blood-pressure monitor gave, when it gave one.</summary>
    public decimal? MeanArterial { get; init; }
}

/// <summary>Something the device said about a measurement, in English and bokmål.</summary>
public sealed record DeviceNote(string En, string Nb)
{
    public override string ToString() => En;
}

/// <summary>
/// A characteristic value read as readings: the device's time stamp (if any and as given), whether the device said
/// its clock is not set, the record's sequence number (glucose meters) and user, and the readings it holds.
/// </summary>
public sealed record DeviceReport(ushort Characteristic, IReadOnlyList<DeviceReading> Readings)
{
    public DeviceDateTime? Time { get; init; }

    /// <summary>Minutes the device adds to <see cref="Time"/> (glucose time offset); 0 otherwise.</summary>
    public int TimeOffsetMinutes { get; init; }

    /// <summary>The device said its clock is not set or has a fault: its time is not used.</summary>
    public bool ClockNotSet { get; init; }

    public ushort? SequenceNumber { get; init; }

    /// <summary>The device's user index (multi-user monitors and scales); null when it sends none or does not know the user.</summary>
    public byte? UserId { get; init; }

    /// <summary>The device sends user indexes and did not know this measurement's user (0xFF: a guest).</summary>
    public bool UserUnknown { get; init; }

    /// <summary>The device says the value comes from its memory, not a measurement just taken.</summary>
    public bool FromStorage { get; init; }

    /// <summary>An intermediate or continuous value shown while measuring: never sent as a report.</summary>
    public bool IsFinal { get; init; } = true;
}
