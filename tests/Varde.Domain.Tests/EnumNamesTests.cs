using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests;

public sealed class EnumNamesTests
{
    [Fact]
    public void AName_IsMatchedExactly_AndAnythingElseIsRefused()
    {
        EnumNames<ServiceUseKind>.Parse("GpVisits").ShouldBe(ServiceUseKind.GpVisits);
        EnumNames<LegalSex>.Parse("Female".AsSpan()).ShouldBe(LegalSex.Female);
        foreach (var wrong in new[] { "gpvisits", "GpVisits ", "", "1", "GpVisits,BedDays" })
            Should.Throw<FormatException>(() => EnumNames<ServiceUseKind>.Parse(wrong)).Message.ShouldContain(nameof(ServiceUseKind));
    }
}
