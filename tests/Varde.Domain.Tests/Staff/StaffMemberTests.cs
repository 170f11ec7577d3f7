using Varde.Domain.Access;
using Varde.Domain.Staff;

namespace Varde.Domain.Tests.Staff;

public sealed class StaffMemberTests
{
    [Theory]
    [InlineData("1234567", true)]
    [InlineData("123456789", true)]
    [InlineData("123456", false)]
    [InlineData("1234567890", false)]
    [InlineData("12345a7", false)]
    [InlineData(" 1234567 ", false)] // the rule sees what it is given; StaffMember trims first
    public void HprNumberRule_IsSevenToNineDigits(string value, bool valid) =>
        HprNumberRule.IsValid(value).ShouldBe(valid);

    [Fact]
    public void Edit_ChangesEverything_OrNothingWhenAFieldIsWrong()
    {
        var staff = StaffMember.Create(Guid.NewGuid(), "Nora", Role.Nurse, Guid.NewGuid(), null).Value;
        var office = Guid.NewGuid();

        staff.Edit("", Role.Gp, office, null).Select(e => e.Field).ShouldBe(["name", "hprNumber"], ignoreOrder: true);
        staff.Role.ShouldBe(Role.Nurse);

        staff.Edit(" Nora Lege ", Role.Gp, office, " 1234567 ").ShouldBeEmpty();
        (staff.Name, staff.Role, staff.OrganisationId, staff.HprNumber).ShouldBe(("Nora Lege", Role.Gp, office, "1234567"));
    }

    [Theory]
    [InlineData(Role.DeviceGateway)]
    [InlineData(Role.Patient)]
    public void GatewaysAndPatients_AreNotStaff(Role role) =>
        StaffMember.Create(Guid.NewGuid(), "X", role, Guid.NewGuid(), null).Errors.Single().Field.ShouldBe("role");

    [Fact]
    public void Deactivate_KeepsTheFirstTime()
    {
        var staff = StaffMember.Create(Guid.NewGuid(), "Nora", Role.Nurse, Guid.NewGuid(), null).Value;
        var at = new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

        staff.Deactivate(at);
        staff.Deactivate(at.AddHours(1));

        (staff.IsActive, staff.DeactivatedAt).ShouldBe((false, at));
    }
}
