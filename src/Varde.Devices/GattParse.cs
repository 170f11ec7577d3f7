namespace Varde.Devices;

/// <summary>
/// A parsed characteristic value, or why it was refused ("systolic: not a number (NaN)…", "too short: the flags
/// promise a time stamp"). A parser never throws on any bytes; everything it cannot read honestly is a refusal.
/// </summary>
public sealed class GattParse<T>
    where T : class
{
    private GattParse(T? value, string? refusal, bool outsideDeviceRange = false)
    {
        Value = value;
        Refusal = refusal;
        OutsideDeviceRange = outsideDeviceRange;
    }

    public T? Value { get; }

    public string? Refusal { get; }

    public bool IsParsed => Value is not null;

    /// <summary>
    /// Refused because the device said the value is beyond what it can measure (±INFINITY): no number, but not nothing —
    /// whoever sees the refusal must not take it for a failed measurement (docs/devices.md, known gaps).
    /// </summary>
    public bool OutsideDeviceRange { get; }

    public static GattParse<T> Parsed(T value) => new(value, null);

    public static GattParse<T> Refused(string refusal, bool outsideDeviceRange = false) => new(null, refusal, outsideDeviceRange);

    public override string ToString() => IsParsed ? $"parsed {Value}" : $"refused: {Refusal}";
}
