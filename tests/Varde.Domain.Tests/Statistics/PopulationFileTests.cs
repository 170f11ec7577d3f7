using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class PopulationFileTests
{
    // As SSB's Statbank saves table 07459 as CSV with semicolons: a title line, the header, one line per age.
    private const string Table = """
        "07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år"
        "region";"kjønn";"alder";"statistikkvariabel";"år";"07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år"
        "1506 Molde";"Kvinner";"0 år";"Personer";"2025";110
        "1506 Molde";"Kvinner";"17 år";"Personer";"2025";120
        "1506 Molde";"Kvinner";"18 år";"Personer";"2025";130
        "1506 Molde";"Menn";"90 år";"Personer";"2025";15
        "1506 Molde";"Menn";"105 år eller eldre";"Personer";"2025";1
        "K-0301 Oslo - Oslove";"Menn";"67 år";"Personer";"2025";5000
        "0301 Oslo - Oslove";"Menn";"67 år";"Personer";"2024";4900

        """;

    [Fact]
    public void TheTable_IsSummedIntoTheAgeGroups_ByMunicipalityYearAndSex()
    {
        var read = PopulationFile.Parse(Table);

        read.IsValid.ShouldBeTrue(string.Join("; ", read.Errors));
        read.Counts.Select(c => (c.MunicipalityNumber, c.Year, c.Sex, c.AgeGroup, c.Count)).OrderBy(c => c.ToString()).ShouldBe(new[]
        {
            ("0301", 2024, LegalSex.Male, "67-79", 4900),
            ("0301", 2025, LegalSex.Male, "67-79", 5000),
            ("1506", 2025, LegalSex.Female, "0-17", 230),
            ("1506", 2025, LegalSex.Female, "18-49", 130),
            ("1506", 2025, LegalSex.Male, "90+", 16),
        }.OrderBy(c => c.ToString()));
    }

    [Fact]
    public void AWrongLine_RefusesTheWholeFile_NamingEveryWrongLine()
    {
        var text = Table
            .Replace("\"1506 Molde\";\"Kvinner\";\"17 år\";\"Personer\";\"2025\";120", "\"1506 Molde\";\"Kvinner\";\"17 år\";\"Personer\";\"2025\";..", StringComparison.Ordinal)
            .Replace("\"1506 Molde\";\"Menn\";\"90 år\"", "\"9998 Ukjent\";\"Menn\";\"90 år\"", StringComparison.Ordinal)
            + "\"1506 Molde\";\"Kvinner\";\"0 år\";\"Personer\";\"2025\";110\n"
            + "\"1506 Molde\";\"Begge\";\"3 år\";\"Personer\";\"2025\";10\n";

        var read = PopulationFile.Parse(text);

        read.IsValid.ShouldBeFalse();
        read.Counts.ShouldBeEmpty();
        read.Errors.Select(e => e.Line).ShouldBe([4, 6, 10, 11]);
        read.Errors[0].Message.ShouldContain("'..'");
        read.Errors[1].Message.ShouldContain("9998");
        read.Errors[2].Message.ShouldContain("twice");
        read.Errors[3].Message.ShouldContain("Begge");
    }

    [Theory]
    [InlineData("")]
    [InlineData("kommune;antall\n1506;3")]
    [InlineData("\"region\";\"kjønn\";\"alder\";\"år\";\"Personer\"\n")]
    public void AFileWithoutTheTable_IsRefused(string text) =>
        PopulationFile.Parse(text).IsValid.ShouldBeFalse();
}
