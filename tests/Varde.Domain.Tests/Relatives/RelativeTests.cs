using Varde.Domain.Access;
using Varde.Domain.Relatives;

namespace Varde.Domain.Tests.Relatives;

public sealed class RelativeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid PatientId = Guid.NewGuid();
    private static readonly Caller ThePatient = new(PatientId.ToString(), Role.Patient, Guid.NewGuid());
    private static readonly Caller Nurse = new(Guid.NewGuid().ToString(), Role.Nurse, Guid.NewGuid());

    private static (Relative Relative, string Code) Invite(string? phone = "900 00 000", string? email = null, string? pid = null) =>
        Relative.Invite(Guid.NewGuid(), PatientId, " Kari Nordmann ", "datter", phone, email, pid, "someone", Now).Value;

    [Fact]
    public void Invite_KeepsTheDetails_AndGivesAnEightDigitCodeThatWorksOnce()
    {
        var (relative, code) = Invite();

        relative.Name.ShouldBe("Kari Nordmann");
        relative.Label.ShouldBe("datter Kari Nordmann");
        code.Length.ShouldBe(8);
        code.ShouldAllBe(c => char.IsAsciiDigit(c));
        relative.UseCode(code[..4] + " " + code[4..], Now.AddHours(1)).ShouldBeTrue();
        relative.LastSignInAt.ShouldBe(Now.AddHours(1));
        relative.UseCode(code, Now.AddHours(1)).ShouldBeFalse("a code works once");
    }

    [Fact]
    public void Code_Expires_AndANewOneReplacesTheOld()
    {
        var (relative, code) = Invite();
        relative.UseCode(code, Now + Relative.CodeLifetime + TimeSpan.FromSeconds(1)).ShouldBeFalse();

        var (other, first) = Invite();
        var second = other.NewCode(Now);
        other.UseCode(first, Now).ShouldBe(first == second);
        other.UseCode(second, Now).ShouldBe(first != second);
    }

    [Theory]
    [InlineData(null, null, "phone")]
    [InlineData("12", null, "phone")]
    [InlineData(null, "kari@", "email")]
    [InlineData(null, "kari example.no", "email")]
    public void Invite_NeedsAWayToReachTheRelative(string? phone, string? email, string field) =>
        Relative.Invite(Guid.NewGuid(), PatientId, "Kari", "datter", phone, email, null, "x", Now).Errors.ShouldContain(e => e.Field == field);

    [Fact]
    public void Invite_RefusesAWrongIdentityNumber_AndKeepsARightOne()
    {
        Relative.Invite(Guid.NewGuid(), PatientId, "Kari", "datter", null, "kari@example.no", "12345678901", "x", Now)
            .Errors.ShouldContain(e => e.Field == "identityNumber");
        Invite(pid: "130972 48022").Relative.IdentityNumber.ShouldBe("13097248022");
    }

    [Theory]
    [InlineData("", "datter", "name")]
    [InlineData("Kari", " ", "relation")]
    public void Invite_NeedsNameAndRelation(string name, string relation, string field) =>
        Relative.Invite(Guid.NewGuid(), PatientId, name, relation, "90000000", null, null, "x", Now).Errors.ShouldContain(e => e.Field == field);

    [Fact]
    public void Consent_ThePatientDecidesAlone_StaffMustSayWhereTheWishIsDocumented()
    {
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, RelativePermissions.SeeValuesAndPlan, ThePatient, null, Now).IsValid.ShouldBeTrue();
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, RelativePermissions.SeeValuesAndPlan, Nurse, " ", Now)
            .Errors.ShouldContain(e => e.Field == "basis");
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, RelativePermissions.SeeValuesAndPlan, Nurse, "Journalnotat 24.11.", Now)
            .Value.Basis.ShouldBe("Journalnotat 24.11.");
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, RelativePermissions.SeeValuesAndPlan,
            Nurse with { Role = Role.Gp }, "Journalnotat", Now).Errors.ShouldContain(e => e.Field == "by");
    }

    [Fact]
    public void Consent_SendingNeedsSeeing()
    {
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, RelativePermissions.SendReports, ThePatient, null, Now)
            .Errors.ShouldContain(e => e.Field == "permissions");
        RelativeConsent.Decide(Guid.NewGuid(), Guid.NewGuid(), PatientId, 1, (RelativePermissions)64, ThePatient, null, Now)
            .Errors.ShouldContain(e => e.Field == "permissions");
    }

    [Fact]
    public void Current_IsTheNewestDecision_AndAWithdrawalIsNone()
    {
        var relative = Guid.NewGuid();
        // All in the same instant: the sequence, not the time, says which is newest.
        RelativeConsent Decide(RelativePermissions p, int sequence) =>
            RelativeConsent.Decide(Guid.NewGuid(), relative, PatientId, sequence, p, ThePatient, null, Now).Value;
        var given = Decide(RelativePermissions.SeeValuesAndPlan | RelativePermissions.SendReports, 1);
        var narrowed = Decide(RelativePermissions.SeeValuesAndPlan, 2);
        var withdrawn = Decide(RelativePermissions.None, 3);

        RelativeConsent.Current([]).ShouldBe(RelativePermissions.None);
        RelativeConsent.Current([narrowed, given]).ShouldBe(RelativePermissions.SeeValuesAndPlan);
        RelativeConsent.Current([withdrawn, given, narrowed]).ShouldBe(RelativePermissions.None);
        withdrawn.IsWithdrawal.ShouldBeTrue();
    }
}
