using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Domain.Relatives;

namespace Varde.Domain.Tests.Messages;

/// <summary>Issue 19 item 1: who takes part in a patient's messages, and what a message must have.</summary>
public sealed class MessageRulesTests
{
    private static readonly Guid PatientId = Guid.NewGuid();
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid OtherService = Guid.NewGuid();
    private static readonly Guid GpId = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly PatientCareRelations Patient = new(PatientId, Service, GpId, [Department], Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, MessageSide> Callers => new()
    {
        { "nurse of the service", MessageSide.Service },
        { "coordinator of the service", MessageSide.Service },
        { "nurse of another service", MessageSide.None },
        { "the patient", MessageSide.Patient },
        { "another patient", MessageSide.None },
        { "the gp", MessageSide.Reader },
        { "another gp", MessageSide.None },
        { "a specialist the patient is shared with", MessageSide.Reader },
        { "a leader", MessageSide.None },
        { "a device gateway", MessageSide.None },
        { "a relative with consent to messages", MessageSide.Patient },
        { "a relative without it", MessageSide.None },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public void WhoTakesPart(string who, MessageSide expected)
    {
        var (caller, permissions) = who switch
        {
            "nurse of the service" => (new Caller("n", Role.Nurse, Service), RelativePermissions.None),
            "coordinator of the service" => (new Caller("c", Role.Coordinator, Service), RelativePermissions.None),
            "nurse of another service" => (new Caller("n2", Role.Nurse, OtherService), RelativePermissions.None),
            "the patient" => (new Caller(PatientId.ToString(), Role.Patient, Guid.Empty), RelativePermissions.None),
            "another patient" => (new Caller(Guid.NewGuid().ToString(), Role.Patient, Guid.Empty), RelativePermissions.None),
            "the gp" => (new Caller(GpId.ToString(), Role.Gp, Guid.NewGuid()), RelativePermissions.None),
            "another gp" => (new Caller(Guid.NewGuid().ToString(), Role.Gp, Guid.NewGuid()), RelativePermissions.None),
            "a specialist the patient is shared with" => (new Caller("s", Role.Specialist, Department), RelativePermissions.None),
            "a leader" => (new Caller("l", Role.Leader, Service), RelativePermissions.None),
            "a device gateway" => (new Caller("g", Role.DeviceGateway, Service), RelativePermissions.None),
            "a relative with consent to messages" => (new Caller("r", Role.Relative, Guid.Empty) { OnBehalfOf = PatientId },
                RelativePermissions.SeeValuesAndPlan | RelativePermissions.ReceiveMessages),
            _ => (new Caller("r", Role.Relative, Guid.Empty) { OnBehalfOf = PatientId }, RelativePermissions.SeeValuesAndPlan | RelativePermissions.SendReports),
        };

        MessageAccess.SideOf(caller, Patient, permissions).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Hei", "c1", false, null)]
    [InlineData("  ", "c1", false, "text")]
    [InlineData("", "c1", true, null)]
    [InlineData("Hei", "", false, "clientId")]
    public void AMessageNeedsWordsOrAPhoto_AndAClientId(string text, string clientId, bool withPhoto, string? refusedField)
    {
        var written = PatientMessage.Write(Guid.NewGuid(), PatientId, Service, MessageDirection.FromPatient, text, clientId, "p", null, Now,
            withPhoto ? Guid.NewGuid() : null);

        if (refusedField is null)
            written.IsValid.ShouldBeTrue();
        else
            written.Errors.Single().Field.ShouldBe(refusedField);
    }

    [Fact]
    public void TooLongIsRefused_AndTheTextIsKeptTrimmed()
    {
        PatientMessage.Write(Guid.NewGuid(), PatientId, Service, MessageDirection.FromPatient, new string('a', PatientMessage.MaxTextLength + 1), "c", "p",
            null, Now).IsValid.ShouldBeFalse();
        PatientMessage.Write(Guid.NewGuid(), PatientId, Service, MessageDirection.FromService, "  Ring oss.  ", "c", "n", null, Now).Value.Text
            .ShouldBe("Ring oss.");
    }
}
