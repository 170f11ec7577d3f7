using Varde.Server.Features.StaffMembers;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>The staff import file's reader: separators, quotes, header names in bokmål or English, rows numbered as in a spreadsheet.</summary>
public sealed class StaffCsvAdminTests
{
    [Fact]
    public void Read_TakesSemicolonsQuotesAndBokmalHeaders()
    {
        var (rows, problem) = StaffCsv.Read("\uFEFFnavn;rolle;organisasjon;hpr;brukernavn\r\n\"Lege; \"\"Lars\"\"\";fastlege;Legesenteret;3456789;lars\r\n\r\nKari;sykepleier;Nord;;kari\r\n");

        problem.ShouldBeNull();
        rows.Select(r => r.Number).ShouldBe([2, 4]);
        rows[0].Fields["name"].ShouldBe("Lege; \"Lars\"");
        rows[0].Fields["hprNumber"].ShouldBe("3456789");
        rows[1].Fields["hprNumber"].ShouldBe("");
    }

    [Fact]
    public void Read_TakesCommasAndEnglishHeadersInAnyOrder()
    {
        var (rows, problem) = StaffCsv.Read("username,name,role,organisation\nkari,\"Holm, Kari\",nurse,Nord");

        problem.ShouldBeNull();
        (rows[0].Fields["userName"], rows[0].Fields["name"], rows[0].Fields["organisation"]).ShouldBe(("kari", "Holm, Kari", "Nord"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("navn;rolle;hpr")]
    public void Read_RefusesAFileWithoutTheColumns(string text) =>
        StaffCsv.Read(text).HeaderProblem.ShouldNotBeNull();
}
