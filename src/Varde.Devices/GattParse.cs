namespace Varde.Devices;

/// <summary>
/// A parsed characteristic value, or why it was refused ("systolic: not a number (NaN)…", "too short: the flags
/// promise a time stamp"). A parser never throws on any bytes; everything it cannot read honestly is a refusal.
/// </summary>
public sealed class GattParse<T>
    where T : class
{
    private GattParse(T? value, string? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public string? Refusal { get; }

    public bool IsParsed => Value is not null;

    public static GattParse<T> Parsed(T value) => new(value, null);

    public static GattParse<T> Refused(string refusal) => new(null, refusal);

    public override string ToString() => IsParsed ? $"parsed {Value}" : $"refused: {Refusal}";
}
