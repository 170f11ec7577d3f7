using Varde.Domain.Organisations;

namespace Varde.Domain.Tests.Organisations;

public sealed class OrganisationNumberTests
{
    // Real numbers from Enhetsregisteret (SSB Klass correspondence 1236: municipalities' organisation numbers).
    public static TheoryData<string, bool> Cases => new()
    {
        { "964965226", true },   // Stavanger kommune
        { "817263992", true },   // Færder kommune
        { "820852982", true },   // Kristiansand kommune
        { "820710592", true },   // Lillestrøm kommune
        { "974760673", true },   // Brønnøysundregistrene
        { "964965227", false },  // Stavanger's with the check digit one off
        { "964965225", false },
        { "123456789", false },  // the check digit would be 5
        { "123456785", true },
        { "100000130", false },  // 10000013 gives check digit 10: never issued, so no last digit makes it valid
        { "100000131", false },
        { "96496522", false },   // eight digits
        { "9649652260", false }, // ten digits
        { "96496522a", false },
        { "", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void IsValid_ChecksNineDigitsAndTheMod11CheckDigit(string number, bool valid) =>
        OrganisationNumber.IsValid(number).ShouldBe(valid);

    [Theory]
    [InlineData("96496522", 6)]
    [InlineData("00000000", 0)]  // remainder 0 gives check digit 0
    [InlineData("10000013", null)]
    public void CheckDigit_IsElevenMinusTheWeightedSumMod11(string firstEight, int? expected) =>
        OrganisationNumber.CheckDigit(firstEight).ShouldBe(expected);

    [Fact]
    public void Normalise_TakesAwayTheSpacesPeopleWrite() =>
        OrganisationNumber.Normalise(" 964 965 226 ").ShouldBe("964965226");

    [Theory]
    [InlineData(null, true)]
    [InlineData("964 965 226", true)]
    [InlineData("964965227", false)]
    public void Organisation_ChecksItsOrganisationNumberWhenGiven(string? number, bool valid)
    {
        var office = Organisation.GpOffice(Guid.NewGuid(), "Legesenteret", null, number);

        office.IsValid.ShouldBe(valid);
        if (!valid)
            office.Errors.Single().Field.ShouldBe("organisationNumber");
    }
}
