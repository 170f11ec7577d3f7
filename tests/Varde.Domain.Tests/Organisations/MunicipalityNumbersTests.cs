using Varde.Domain.Organisations;

namespace Varde.Domain.Tests.Organisations;

public sealed class MunicipalityNumbersTests
{
    [Fact]
    public void TheShippedList_HasThe357MunicipalitiesOf2024() =>
        MunicipalityNumbers.All.Count.ShouldBe(357);

    [Theory]
    [InlineData("0301", "Oslo")]
    [InlineData("3901", "Horten")]
    [InlineData("3903", "Holmestrand")]
    [InlineData("3905", "Tønsberg")]
    [InlineData("4003", "Skien")]
    [InlineData("4601", "Bergen")]
    [InlineData("1103", "Stavanger")]
    [InlineData("5001", "Trondheim")]
    [InlineData("5501", "Tromsø")]
    public void OfficialNumbers_AreKnownByName(string number, string name)
    {
        MunicipalityNumbers.IsOfficial(number).ShouldBeTrue();
        MunicipalityNumbers.NameOf(number).ShouldNotBeNull().ShouldStartWith(name);
        MunicipalityNumbers.Check("municipalityNumber", number).ShouldBeNull();
    }

    [Theory]
    [InlineData("3803")] // Tønsberg's number 2020–2023, before Vestfold and Telemark split
    [InlineData("5401")] // Tromsø's number 2020–2023
    [InlineData("9999")] // SSB's "unknown"
    [InlineData("0000")]
    [InlineData("301")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherNumbers_AreRefusedByField(string? number) =>
        MunicipalityNumbers.Check("municipalityNumber", number).ShouldNotBeNull().Field.ShouldBe("municipalityNumber");

    [Fact]
    public void EveryNumber_HasFourDigitsAndAName() =>
        MunicipalityNumbers.All.ShouldAllBe(p => p.Key.Length == 4 && p.Key.All(char.IsAsciiDigit) && p.Value.Length > 0);
}
