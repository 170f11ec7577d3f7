using Varde.Domain.Patients;

namespace Varde.Domain.Tests.Patients;

public sealed class NorwegianIdentityNumberTests
{
    // The test vectors of standards.md §2.2 (navikt/fnrvalidator), every one of them.
    [Theory]
    [InlineData("13097248022", IdentityNumberKind.Fodselsnummer, false, "1972-09-13")]
    [InlineData("29029648784", IdentityNumberKind.Fodselsnummer, false, "1996-02-29")]
    [InlineData("29020075838", IdentityNumberKind.Fodselsnummer, false, "2000-02-29")]
    [InlineData("15021951940", IdentityNumberKind.Fodselsnummer, false, "2019-02-15")]
    [InlineData("53097248016", IdentityNumberKind.DNummer, false, "1972-09-13")]
    [InlineData("13527248013", IdentityNumberKind.HNummer, false, "1972-12-13")]
    [InlineData("10915596784", IdentityNumberKind.Fodselsnummer, true, "1955-11-10")]
    [InlineData("68467038838", IdentityNumberKind.DNummer, false, "1970-06-28")]
    [InlineData("50846202355", IdentityNumberKind.DNummer, true, "1962-04-10")]
    [InlineData("02013299997", IdentityNumberKind.Fodselsnummer, false, "2032-01-02")]
    [InlineData("30108299920", IdentityNumberKind.Fodselsnummer, false, "1982-10-30")]
    [InlineData("30108299939", IdentityNumberKind.Fodselsnummer, false, "1982-10-30")]
    [InlineData("70108299914", IdentityNumberKind.DNummer, false, "1982-10-30")]
    public void Parse_ValidVector_IsAcceptedWithKindAndBirthDate(string input, IdentityNumberKind kind, bool synthetic, string birthDate)
    {
        var result = NorwegianIdentityNumber.Parse(input);

        result.IsValid.ShouldBeTrue(string.Join("; ", result.Errors));
        result.Value.Kind.ShouldBe(kind);
        result.Value.IsSynthetic.ShouldBe(synthetic);
        result.Value.BirthDate.ShouldBe(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("13097248032", "control digit")] // k1 = 3 is allowed from 2032 (r = 1), so k2 is what fails
    [InlineData("13097248023", "second control digit")]
    [InlineData("32127248022", "day")]
    [InlineData("13137248022", "month")]
    [InlineData("29020112345", "day")]
    [InlineData("02013299987", "first control digit")]
    [InlineData("02013299996", "second control digit")]
    [InlineData("1309724802", "11 digits")]
    [InlineData("130972480221", "11 digits")]
    [InlineData("1309724802a", "11 digits")]
    [InlineData("", "11 digits")]
    [InlineData(null, "11 digits")]
    public void Parse_InvalidVector_IsRejectedWithReason(string? input, string reason)
    {
        var result = NorwegianIdentityNumber.Parse(input);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().Message.ShouldContain(reason);
    }

    [Fact]
    public void Parse_TwentyNinthFebruaryInNonLeapYear_IsRejectedAsInvalidDay()
    {
        var number = FirstWithControlDigits("290201", 100);

        var result = NorwegianIdentityNumber.Parse(number);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("day");
    }

    [Fact]
    public void Parse_IndividualNumberNotIssuedForThatYear_IsRejected()
    {
        var number = FirstWithControlDigits("010145", 600);

        var result = NorwegianIdentityNumber.Parse(number);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("not issued for birth year");
    }

    [Fact]
    public void Parse_SecondControlDigitUnderClassicRuleOnly_RejectsNumberValidOnlyWithWrongK2()
    {
        // 30108299939 is valid only because k1 = 3 is allowed (r = 1); changing k2 must still fail.
        NorwegianIdentityNumber.Parse("30108299930").IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData("130972 48022")]
    [InlineData("130972-48022")]
    [InlineData(" 13.09.72 480 22 ")]
    public void Parse_WithSeparators_NormalisesToElevenDigits(string input) =>
        NorwegianIdentityNumber.Parse(input).Value.Value.ShouldBe("13097248022");

    [Fact]
    public void WithControlDigits_ProducesNumbersThatParse()
    {
        var made = 0;
        for (var individual = 500; individual < 560; individual++)
        {
            var number = NorwegianIdentityNumber.WithControlDigits($"018560{individual}");
            if (number is null)
                continue;
            made++;
            NorwegianIdentityNumber.Parse(number).IsValid.ShouldBeTrue(number);
        }

        made.ShouldBeGreaterThan(40);
    }

    private static string FirstWithControlDigits(string sixDigits, int fromIndividual) =>
        Enumerable.Range(fromIndividual, 50)
            .Select(i => NorwegianIdentityNumber.WithControlDigits($"{sixDigits}{i:000}"))
            .First(n => n is not null)!;

    [Theory]
    [InlineData("13097248022", LegalSex.Female)]
    [InlineData("29029648784", LegalSex.Male)]
    [InlineData("53097248016", LegalSex.Female)]
    [InlineData("13527248013", LegalSex.Female)]
    [InlineData("10915596784", LegalSex.Male)]
    public void TheLegalSex_IsTheNinthDigit_OddForMen(string input, LegalSex sex)
    {
        NorwegianIdentityNumber.Parse(input).Value.LegalSex.ShouldBe(sex);
        Patient.Enrol(Guid.NewGuid(), input, "Navn", Guid.NewGuid(), Guid.NewGuid(), null, null, DiagnosisGroup.Copd, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Value.LegalSex.ShouldBe(sex);
    }
}
