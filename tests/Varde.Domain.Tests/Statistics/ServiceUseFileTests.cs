using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class ServiceUseFileTests
{
    [Fact]
    public void EachLine_IsAPersonsMonth_WithTheAmountsGiven_AndEmptyCellsLeftOut()
    {
        var read = ServiceUseFile.Parse("fodselsnummer;maaned;innleggelser;liggedogn;hjemmesykepleie_timer\n13097248022;2025-03;1;4;12,5\n13097248022;2025-04;0;;3.25\n");

        read.IsValid.ShouldBeTrue();
        read.Lines.Select(l => (l.Number, l.IdentityNumber, l.Month)).ShouldBe([(2, "13097248022", new DateOnly(2025, 3, 1)), (3, "13097248022", new DateOnly(2025, 4, 1))]);
        read.Lines[0].Amounts.ShouldBe(new Dictionary<ServiceUseKind, decimal>
            { [ServiceUseKind.HospitalAdmissions] = 1, [ServiceUseKind.BedDays] = 4, [ServiceUseKind.HomeNursingHours] = 12.5m });
        read.Lines[1].Amounts.Keys.ShouldBe([ServiceUseKind.HospitalAdmissions, ServiceUseKind.HomeNursingHours], ignoreOrder: true);
    }

    [Fact]
    public void MalformedLines_AreEachNamed_AndNothingIsRead()
    {
        var read = ServiceUseFile.Parse("fodselsnummer;maaned;liggedogn\n1309724802;2025-03;1\n13097248022;2025-13;1\n13097248022;2025-03;-1\n13097248022;2025-04;2\n13097248022;2025-04;2\n");

        read.IsValid.ShouldBeFalse();
        read.Lines.ShouldBeEmpty();
        read.Errors.Select(e => e.Line).ShouldBe([2, 3, 4, 6]);
        read.Errors.ShouldAllBe(e => !e.Message.Contains("13097248022"));
    }

    [Theory]
    [InlineData("fodselsnummer;liggedogn\n13097248022;1")]
    [InlineData("fodselsnummer;maaned;sengeplasser\n13097248022;2025-03;1")]
    [InlineData("fodselsnummer;maaned;liggedogn\n")]
    [InlineData("fodselsnummer;maaned;hjemmesykepleie_timer\n13097248022;2025-03;0,333")]
    public void AFileWithoutTheColumns_OrLines_IsRefused(string text) =>
        ServiceUseFile.Parse(text).IsValid.ShouldBeFalse();
}
