using Varde.Domain.Patients;

namespace Varde.Domain.Tests.Patients;

public sealed class PatientDeviceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static (PatientDevice Device, string Code) Issued() =>
        PatientDevice.Issue(Guid.NewGuid(), Guid.NewGuid(), "Nettbrett nr. 12", "koordinator", Now).Value;

    [Fact]
    public void Issue_GivesAnEightDigitCodeAndKeepsOnlyItsHash()
    {
        var (device, code) = Issued();

        code.Length.ShouldBe(8);
        code.All(char.IsAsciiDigit).ShouldBeTrue();
        device.EnrolmentCodeHash.ShouldBe(PatientDevice.CodeHash(code));
        device.EnrolmentCodeHash!.ShouldNotContain(code);
        device.StateAt(Now).ShouldBe(PatientDeviceState.AwaitingEnrolment);
        device.StateAt(Now + PatientDevice.CodeLifetime + TimeSpan.FromSeconds(1)).ShouldBe(PatientDeviceState.CodeExpired);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Issue_WithoutLabel_IsRejected(string? label) =>
        PatientDevice.Issue(Guid.NewGuid(), Guid.NewGuid(), label, "koordinator", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("label");

    [Fact]
    public void Enrol_WithTheCode_UsesItUpAndGivesASecretThatSignsInWithThePin()
    {
        var (device, code) = Issued();

        var secret = device.Enrol(code[..4] + " " + code[4..], "2580", Now.AddHours(1));

        secret.IsValid.ShouldBeTrue();
        device.StateAt(Now.AddHours(1)).ShouldBe(PatientDeviceState.Enrolled);
        device.EnrolmentCodeHash.ShouldBeNull();
        device.HoldsSecret(secret.Value).ShouldBeTrue();
        device.HoldsSecret(secret.Value + "x").ShouldBeFalse();
        device.SignIn("2580", Now.AddHours(2)).ShouldBe(PinSignIn.Ok);
        device.LastSignInAt.ShouldBe(Now.AddHours(2));
        device.Enrol(code, "2580", Now.AddHours(3)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Enrol_WithWrongOrExpiredCode_IsRejected()
    {
        var (device, code) = Issued();
        var wrong = code == "00000000" ? "00000001" : "00000000";

        device.Enrol(wrong, "2580", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("code");
        device.Enrol(code, "2580", Now + PatientDevice.CodeLifetime + TimeSpan.FromMinutes(1)).Errors.ShouldHaveSingleItem().Field.ShouldBe("code");
        device.StateAt(Now).ShouldBe(PatientDeviceState.AwaitingEnrolment);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("1234567")]
    [InlineData("12a4")]
    [InlineData("1111")]
    [InlineData("1234")]
    [InlineData("987654")]
    public void Enrol_WithAWeakPin_KeepsTheCodeUsable(string pin)
    {
        var (device, code) = Issued();

        device.Enrol(code, pin, Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("pin");
        device.Enrol(code, "4711", Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void SignIn_FiveWrongPins_LockForFifteenMinutes_ThenTheRightPinWorks()
    {
        var (device, code) = Issued();
        device.Enrol(code, "4711", Now);

        for (var i = 0; i < PatientDevice.FailuresBeforeLock - 1; i++)
            device.SignIn("0000", Now).ShouldBe(PinSignIn.WrongPin);
        device.SignIn("0000", Now).ShouldBe(PinSignIn.Locked);
        device.SignIn("4711", Now.AddMinutes(14)).ShouldBe(PinSignIn.Locked);
        device.SignIn("4711", Now.AddMinutes(15).AddSeconds(1)).ShouldBe(PinSignIn.Ok);
        device.FailedPinAttempts.ShouldBe(0);
    }

    [Fact]
    public void Revoke_EndsSignIn_AndCannotBeUndoneByEnrolling()
    {
        var (device, code) = Issued();
        device.Enrol(code, "4711", Now);

        device.Revoke("koordinator", Now.AddDays(1)).ShouldBeTrue();
        device.Revoke("koordinator", Now.AddDays(2)).ShouldBeFalse();

        device.StateAt(Now.AddDays(1)).ShouldBe(PatientDeviceState.Revoked);
        device.SignIn("4711", Now.AddDays(1)).ShouldBe(PinSignIn.NotEnrolled);
        device.RevokedBy.ShouldBe("koordinator");
    }
}
