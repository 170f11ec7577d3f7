using System.Globalization;

namespace Varde.Domain.Patients;

/// <summary>
/// A validated Norwegian personal identity number: fødselsnummer, D-nummer or H-nummer, optionally a synthetic
/// test number (Skatteetaten's Tenor population, month + 80). Validated as in standards.md §2.2, including the
/// rule for numbers issued from 2032, under which the first control digit may be computed with a remainder
/// offset r ∈ {0, 1, 2, 3}. Gender is deliberately not derived: from 2032 the individual number no longer carries it.
/// </summary>
public sealed record NorwegianIdentityNumber
{
    private static readonly int[] K1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
    private static readonly int[] K2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    private NorwegianIdentityNumber(string value, IdentityNumberKind kind, bool isSynthetic, DateOnly birthDate)
    {
        Value = value;
        Kind = kind;
        IsSynthetic = isSynthetic;
        BirthDate = birthDate;
    }

    /// <summary>The 11 digits, without separators.</summary>
    public string Value { get; }

    public IdentityNumberKind Kind { get; }

    /// <summary>True for Skatteetaten's synthetic test numbers; these never belong to a real person.</summary>
    public bool IsSynthetic { get; }

    public DateOnly BirthDate { get; }

    /// <summary>
    /// The legal sex the number carries: the ninth digit (the last of the individual number) is odd for men and even
    /// for women, in fødselsnumre, D-numre and H-numre alike. (Numbers issued from 2032 will not carry it; then it is entered.)
    /// </summary>
    public LegalSex LegalSex => (Value[8] - '0') % 2 == 1 ? LegalSex.Male : LegalSex.Female;

    public override string ToString() => Value;

    /// <summary>Parses and validates; whitespace, dots and a dash between date and individual number are accepted.</summary>
    public static Validated<NorwegianIdentityNumber> Parse(string? input, string field = "identityNumber")
    {
        var error = TryParse(input, out var number);
        return number is null ? Validated<NorwegianIdentityNumber>.Fail(field, error!) : Validated<NorwegianIdentityNumber>.Ok(number);
    }

    /// <summary>Returns null and the number when valid, or an English error message explaining what is wrong.</summary>
    public static string? TryParse(string? input, out NorwegianIdentityNumber? number)
    {
        number = null;
        var digits = Normalise(input);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
            return "An identity number has exactly 11 digits.";

        var d = digits.Select(c => c - '0').ToArray();
        var day = (d[0] * 10) + d[1];
        var month = (d[2] * 10) + d[3];
        var kind = IdentityNumberKind.Fodselsnummer;
        var synthetic = false;
        if (day > 40)
        {
            kind = IdentityNumberKind.DNummer;
            day -= 40;
        }

        if (month > 80)
        {
            synthetic = true;
            month -= 80;
        }
        else if (month > 40)
        {
            kind = kind == IdentityNumberKind.DNummer ? IdentityNumberKind.DNummer : IdentityNumberKind.HNummer;
            month -= 40;
        }

        var yearInCentury = (d[4] * 10) + d[5];
        var individual = (d[6] * 100) + (d[7] * 10) + d[8];
        var year = Century(individual, yearInCentury);
        if (year is null)
            return string.Create(CultureInfo.InvariantCulture,
                $"The individual number {individual:000} is not issued for birth year ..{yearInCentury:00}.");
        if (month is < 1 or > 12)
            return "The month in the birth date is not valid.";
        if (day < 1 || day > DateTime.DaysInMonth(year.Value, month))
            return "The day in the birth date is not valid.";
        if (!FirstControlDigitMatches(d))
            return "The first control digit is wrong; check the number for a typing error.";
        if (SecondControlDigit(d) != d[10])
            return "The second control digit is wrong; check the number for a typing error.";

        number = new NorwegianIdentityNumber(digits, kind, synthetic, new DateOnly(year.Value, month, day));
        return null;
    }

    /// <summary>
    /// Computes the two control digits for the first nine digits with the classic rule (r = 0), or null when
    /// that combination has no valid control digits. Used to make synthetic numbers for demo and test data.
    /// </summary>
    public static string? WithControlDigits(string firstNine)
    {
        if (firstNine.Length != 9 || !firstNine.All(char.IsAsciiDigit))
            throw new ArgumentException("Nine digits are required.", nameof(firstNine));
        var d = firstNine.Select(c => c - '0').Append(0).Append(0).ToArray();
        var k1 = 11 - (WeightedSum(d, K1Weights) % 11);
        if (k1 == 11)
            k1 = 0;
        if (k1 == 10)
            return null;
        d[9] = k1;
        var k2 = SecondControlDigit(d);
        return k2 is null ? null : string.Create(CultureInfo.InvariantCulture, $"{firstNine}{k1}{k2}");
    }

    private static string Normalise(string? input) =>
        new((input ?? "").Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());

    private static int WeightedSum(int[] digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            sum += digits[i] * weights[i];
        return sum;
    }

    // From 2032 the first control digit may be any of (11 + r − sum mod 11) reduced into 0..10, r ∈ {0,1,2,3};
    // a result of 10 is never a digit. Numbers issued before 2032 are exactly the r = 0 case.
    private static bool FirstControlDigitMatches(int[] d)
    {
        var remainder = WeightedSum(d, K1Weights) % 11;
        for (var r = 0; r <= 3; r++)
        {
            var k1 = 11 + r - remainder;
            if (k1 > 10)
                k1 -= 11;
            if (k1 != 10 && k1 == d[9])
                return true;
        }

        return false;
    }

    private static int? SecondControlDigit(int[] d)
    {
        var k2 = 11 - (WeightedSum(d, K2Weights) % 11);
        return k2 switch
        {
            11 => 0,
            10 => null,
            _ => k2,
        };
    }

    // Individual number ranges per century, as published by Skatteetaten (standards.md §2.2).
    private static int? Century(int individual, int yy) => individual switch
    {
        <= 499 => 1900 + yy,
        <= 749 when yy >= 54 => 1800 + yy,
        <= 999 when yy <= 39 && individual >= 500 => 2000 + yy,
        >= 900 when yy >= 40 => 1900 + yy,
        _ => null,
    };
}
