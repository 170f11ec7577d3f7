using Varde.Domain.Access;

namespace Varde.Domain.Tests.Access;

public sealed class BreakGlassAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(Role.Gp, true)]
    [InlineData(Role.Specialist, true)]
    [InlineData(Role.Nurse, true)]
    [InlineData(Role.Coordinator, true)]
    [InlineData(Role.Leader, false)]
    [InlineData(Role.Administrator, false)]
    [InlineData(Role.AllocationOffice, false)]
    [InlineData(Role.DeviceGateway, false)]
    [InlineData(Role.Patient, false)]
    [InlineData(Role.Relative, false)]
    public void OnlyClinicians_MayOpenIt(Role role, bool may) =>
        BreakGlassAccess.Open(Guid.NewGuid(), Guid.NewGuid(), new("x", role, Guid.NewGuid()), "Vikar for fastlegen", Now).IsValid.ShouldBe(may);

    [Theory]
    [InlineData(null)]
    [InlineData("   kort   ")]
    public void AReason_IsRequired(string? reason) =>
        BreakGlassAccess.Open(Guid.NewGuid(), Guid.NewGuid(), new("x", Role.Gp, Guid.NewGuid()), reason, Now).Errors.ShouldContain(e => e.Field == "reason");

    [Fact]
    public void ItLastsTwoHours_FromTheMomentItIsOpened()
    {
        var use = BreakGlassAccess.Open(Guid.NewGuid(), Guid.NewGuid(), new("x", Role.Gp, Guid.NewGuid()), "  Vikar for fastlegen  ", Now).Value;

        use.Reason.ShouldBe("Vikar for fastlegen");
        use.IsOpenAt(Now).ShouldBeTrue();
        use.IsOpenAt(Now.AddHours(2).AddTicks(-1)).ShouldBeTrue();
        use.IsOpenAt(Now.AddHours(2)).ShouldBeFalse();
        use.IsOpenAt(Now.AddTicks(-1)).ShouldBeFalse();
    }

    [Fact]
    public void AReview_NeedsANote() =>
        BreakGlassReview.Record(Guid.NewGuid(), Guid.NewGuid(), "leader", " ", Now).Errors.ShouldContain(e => e.Field == "note");
}
