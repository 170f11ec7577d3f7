namespace Varde.Devices;

/// <summary>What an IEEE 11073-20601 number said when it is not a measured value.</summary>
public enum NumberProblem
{
    None,
    NotANumber,
    NotAtThisResolution,
    PositiveInfinity,
    NegativeInfinity,
    Reserved,
    /// <summary>A finite value too large or too fine for a decimal (FLOAT exponents beyond ±28).</summary>
    OutOfRange,
}

/// <summary>
/// IEEE 11073-20601 SFLOAT (16-bit: 4-bit exponent, 12-bit mantissa) and FLOAT (32-bit: 8-bit exponent, 24-bit
/// mantissa), both signed, value = mantissa × 10^exponent. The result is a <see cref="decimal"/> that keeps the
/// precision the exponent implies (0xF014 is 2.0, not 2), as the PHD IG asks. The special values (NaN, NRes, ±INFINITY,
/// reserved) are matched only with exponent 0 and never become numbers.
/// </summary>
public static class MedicalNumber
{
    public static NumberProblem DecodeSFloat(ushort raw, out decimal value)
    {
        var mantissa = raw & 0x0FFF;
        var exponent = raw >> 12;
        if (exponent == 0)
        {
            var special = mantissa switch
            {
                0x07FF => NumberProblem.NotANumber,
                0x0800 => NumberProblem.NotAtThisResolution,
                0x07FE => NumberProblem.PositiveInfinity,
                0x0802 => NumberProblem.NegativeInfinity,
                0x0801 => NumberProblem.Reserved,
                _ => NumberProblem.None,
            };
            if (special != NumberProblem.None)
            {
                value = 0;
                return special;
            }
        }

        if (mantissa >= 0x0800)
            mantissa -= 0x1000;
        if (exponent >= 0x8)
            exponent -= 0x10;
        return Compose(mantissa, exponent, out value);
    }

    public static NumberProblem DecodeFloat(uint raw, out decimal value)
    {
        var mantissa = (int)(raw & 0x00FF_FFFF);
        var exponent = (int)(sbyte)(byte)(raw >> 24);
        if (exponent == 0)
        {
            var special = mantissa switch
            {
                0x007F_FFFF => NumberProblem.NotANumber,
                0x0080_0000 => NumberProblem.NotAtThisResolution,
                0x007F_FFFE => NumberProblem.PositiveInfinity,
                0x0080_0002 => NumberProblem.NegativeInfinity,
                0x0080_0001 => NumberProblem.Reserved,
                _ => NumberProblem.None,
            };
            if (special != NumberProblem.None)
            {
                value = 0;
                return special;
            }
        }

        if (mantissa >= 0x0080_0000)
            mantissa -= 0x0100_0000;
        return Compose(mantissa, exponent, out value);
    }

    /// <summary>
    /// <paramref name="value"/> × 10^<paramref name="power"/> with the precision kept: 0.0055 × 10³ is 5.5, not 5.5000
    /// (a device's mol/L to mmol/L). Exact; no rounding.
    /// </summary>
    public static decimal ShiftDecimal(decimal value, int power)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        if (power <= scale && scale - power <= 28)
            return new decimal(bits[0], bits[1], bits[2], negative, (byte)(scale - power));
        if (power > scale)
        {
            var whole = new decimal(bits[0], bits[1], bits[2], negative, 0);
            for (var i = 0; i < power - scale; i++)
                whole *= 10;
            return whole;
        }

        return value / Pow10(-power);
    }

    private static NumberProblem Compose(int mantissa, int exponent, out decimal value)
    {
        value = 0;
        if (exponent < -28)
            return mantissa == 0 ? NumberProblem.None : NumberProblem.OutOfRange;
        if (exponent <= 0)
        {
            value = new decimal(Math.Abs(mantissa), 0, 0, mantissa < 0, (byte)-exponent);
            return NumberProblem.None;
        }

        // 2^24 × 10^21 still fits in a decimal (about 7.9 × 10^28); beyond that the value is out of range.
        if (exponent > 21)
            return mantissa == 0 ? NumberProblem.None : NumberProblem.OutOfRange;
        value = mantissa * Pow10(exponent);
        return NumberProblem.None;
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
            result *= 10;
        return result;
    }

    /// <summary>±INFINITY: the device measured, and the value is beyond its range.</summary>
    public static bool IsOutsideRange(NumberProblem problem) => problem is NumberProblem.PositiveInfinity or NumberProblem.NegativeInfinity;

    /// <summary>How a problem reads in a refusal ("NaN: the device did not produce a value").</summary>
    public static string Describe(NumberProblem problem) => problem switch
    {
        NumberProblem.NotANumber => "not a number (NaN): the device produced no value",
        NumberProblem.NotAtThisResolution => "not at this resolution (NRes): the value cannot be shown with the device's precision",
        NumberProblem.PositiveInfinity => "+INFINITY: above what the device can measure",
        NumberProblem.NegativeInfinity => "-INFINITY: below what the device can measure",
        NumberProblem.Reserved => "a reserved special value",
        NumberProblem.OutOfRange => "a value outside what can be stored",
        _ => "a number",
    };
}
