using System.Globalization;

namespace Varde.Devices.Tests;

/// <summary>IEEE 11073-20601 SFLOAT and FLOAT: the PHD IG's worked examples, blessed's little-endian vectors, the special values.</summary>
public class MedicalNumberTests
{
    [Theory]
    [InlineData(0x0002, "2")]
    [InlineData(0xF014, "2.0")]
    [InlineData(0xE0C8, "2.00")]
    [InlineData(0x1002, "20")]
    [InlineData(0x2002, "200")]
    [InlineData(0x00C8, "200")]
    [InlineData(0x04D2, "1234")]
    [InlineData(0x0B2E, "-1234")]
    [InlineData(0x0201, "513")] // blessed: bytes 01 02
    [InlineData(0xFE01, "-51.1")] // blessed: bytes 01 FE
    [InlineData(0x02FF, "767")] // blessed: bytes FF 02
    [InlineData(0x7001, "10000000")] // the largest exponent, +7
    [InlineData(0x8001, "0.00000001")] // the smallest, -8
    [InlineData(0x07FD, "2045")] // the largest mantissa that is not special
    public void An_sfloat_becomes_a_decimal_with_the_precision_its_exponent_implies(int raw, string expected)
    {
        MedicalNumber.DecodeSFloat((ushort)raw, out var value).ShouldBe(NumberProblem.None);
        value.ToString(CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0x00000002u, "2")]
    [InlineData(0xFF000014u, "2.0")]
    [InlineData(0xFE0000C8u, "2.00")]
    [InlineData(0x01000002u, "20")]
    [InlineData(0x00FFFB2Eu, "-1234")]
    [InlineData(0x04030201u, "1971210000")] // blessed: bytes 01 02 03 04 = 1.97121E9
    [InlineData(0xFC03FE01u, "26.1633")] // blessed: bytes 01 FE 03 FC
    [InlineData(0x04FD02FFu, "-1958410000")] // blessed: bytes FF 02 FD 04 = -1.95841E9
    [InlineData(0xFE000EB0u, "37.60")] // Nordic's thermometer: 37.60 °C
    public void A_float_becomes_a_decimal_with_its_precision(uint raw, string expected)
    {
        MedicalNumber.DecodeFloat(raw, out var value).ShouldBe(NumberProblem.None);
        value.ToString(CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0x07FF, NumberProblem.NotANumber)]
    [InlineData(0x07FE, NumberProblem.PositiveInfinity)]
    [InlineData(0x0802, NumberProblem.NegativeInfinity)]
    [InlineData(0x0800, NumberProblem.NotAtThisResolution)]
    [InlineData(0x0801, NumberProblem.Reserved)]
    public void The_sfloat_special_values_are_never_numbers(int raw, NumberProblem expected) =>
        MedicalNumber.DecodeSFloat((ushort)raw, out _).ShouldBe(expected);

    [Theory]
    [InlineData(0x007FFFFFu, NumberProblem.NotANumber)]
    [InlineData(0x007FFFFEu, NumberProblem.PositiveInfinity)]
    [InlineData(0x00800002u, NumberProblem.NegativeInfinity)]
    [InlineData(0x00800000u, NumberProblem.NotAtThisResolution)]
    [InlineData(0x00800001u, NumberProblem.Reserved)]
    [InlineData(0x7F000001u, NumberProblem.OutOfRange)] // 1 × 10^127 is no decimal
    [InlineData(0x80000001u, NumberProblem.OutOfRange)] // 1 × 10^-128 neither
    public void The_float_special_values_and_the_unrepresentable_are_never_numbers(uint raw, NumberProblem expected) =>
        MedicalNumber.DecodeFloat(raw, out _).ShouldBe(expected);

    [Theory]
    [InlineData(0x17FF)] // exponent 1: 2047 × 10 is a number, not NaN
    [InlineData(0xF7FE)] // exponent -1: 204.6
    public void Special_mantissas_count_only_with_exponent_zero(int raw) =>
        MedicalNumber.DecodeSFloat((ushort)raw, out _).ShouldBe(NumberProblem.None);

    [Theory]
    [InlineData("0.0055", 3, "5.5")]
    [InlineData("0.000090", 5, "9.0")]
    [InlineData("30", 5, "3000000")]
    [InlineData("2.0", -1, "0.20")]
    [InlineData("-1.5", 1, "-15")]
    public void Shifting_by_a_power_of_ten_keeps_the_precision(string value, int power, string expected) =>
        MedicalNumber.ShiftDecimal(decimal.Parse(value, CultureInfo.InvariantCulture), power).ToString(CultureInfo.InvariantCulture).ShouldBe(expected);
}
