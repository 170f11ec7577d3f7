namespace Varde.Domain.Patients;

/// <summary>
/// A phone number as people write it ("912 34 567", "+47 33 03 12 00"): digits, spaces and dashes, at least 8 digits,
/// optionally a leading +. Kept as written, so it reads as the person gave it; <see cref="TelUri"/> is what a phone
/// dials. Personal data: never log it.
/// </summary>
public static class PhoneNumber
{
    public const int MaxLength = 30;

    /// <summary>The number trimmed, or null for nothing given.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Whether a cleaned number is one a phone can dial.</summary>
    public static bool IsValid(string number)
    {
        if (number.Length > MaxLength)
            return false;
        for (var i = 0; i < number.Length; i++)
        {
            var c = number[i];
            if (!(char.IsAsciiDigit(c) || c is ' ' or '-' || (c == '+' && i == 0)))
                return false;
        }

        return number.Count(char.IsAsciiDigit) is >= 8 and <= 15;
    }

    /// <summary>"tel:+4791234567" for "+47 912 34 567": the digits and a leading +, nothing else (RFC 3966).</summary>
    public static string TelUri(string number) =>
        "tel:" + new string(number.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());

    /// <summary>
    /// The number as an SMS provider takes it (E.164): "+4791234567" for "912 34 567" (eight digits are a Norwegian
    /// number), "+46701234567" for "0046 70 123 45 67"; a number with + keeps its country code.
    /// </summary>
    public static string ForSms(string number)
    {
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (number.TrimStart().StartsWith('+'))
            return "+" + digits;
        if (digits.StartsWith("00", StringComparison.Ordinal))
            return "+" + digits[2..];
        return digits.Length == 8 ? "+47" + digits : "+" + digits;
    }

    /// <summary>The error for a number given but not dialable, or null when it is fine or not given.</summary>
    public static ValidationError? Check(string? cleaned, string field) =>
        cleaned is null || IsValid(cleaned)
            ? null
            : new ValidationError(field, "A phone number has 8 to 15 digits, may start with + and may have spaces or dashes.");
}
