using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Varde.Server.Infrastructure;

/// <summary>
/// A value in a request body that is well-formed JSON but not what Varde takes; its message says why, and the 400 that
/// answers it names the path (<see cref="KnownExceptionsHandler"/>).
/// </summary>
public sealed class UnacceptableValueException(string message) : JsonException(message);

/// <summary>
/// Times in request bodies must say their zone ("Z" or an offset such as "+01:00"): a time without one, or a date alone,
/// would be read as the server's local time, which is a guess. (A time with a zone that cannot be right, such as
/// 0001-01-01 from a device whose clock was reset, is not refused here: the intake keeps it as the time the device gave
/// and judges the report as measured on receipt, the same on every door; see ReportTime.) Written as ISO 8601.
/// </summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new UnacceptableValueException("A time is a string such as \"2026-11-24T10:00:00+01:00\".");
        var text = reader.GetString()!;
        if (!HasZone(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            throw new UnacceptableValueException("A time must give its zone, e.g. \"2026-11-24T10:00:00+01:00\" or \"2026-11-24T09:00:00Z\".");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // An ISO 8601 date and time ending in "Z" or "±hh:mm" (after the time, so a date's own hyphens do not count).
    private static bool HasZone(string text)
    {
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t < 0)
            return false;
        var time = text.AsSpan(t + 1);
        return time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.LastIndexOfAny('+', '-') > 0;
    }
}

/// <summary>
/// Decimal numbers must be JSON numbers (not strings) and representable: "1e-400" would be read as 0 and "1e400" does
/// not fit, so both are refused rather than stored as something other than what was sent.
/// </summary>
public sealed class StrictDecimalConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
            throw new UnacceptableValueException("A number must be a JSON number, not a string.");
        if (!reader.TryGetDecimal(out var value))
            throw new UnacceptableValueException("The number is too large.");
        if (value == 0 && MantissaHasDigit(reader))
            throw new UnacceptableValueException("The number is too small to be stored; give it without an exponent.");
        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);

    // Whether the number as written has a non-zero digit before its exponent (then it is not 0, only too small).
    private static bool MantissaHasDigit(Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? Encoding.ASCII.GetString(reader.ValueSequence.ToArray()) : Encoding.ASCII.GetString(reader.ValueSpan);
        var e = raw.IndexOfAny(['e', 'E']);
        return (e < 0 ? raw : raw[..e]).Any(c => c is >= '1' and <= '9');
    }
}
