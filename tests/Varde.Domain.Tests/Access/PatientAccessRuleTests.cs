using Varde.Domain.Access;

namespace Varde.Domain.Tests.Access;

public sealed class PatientAccessRuleTests
{
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid OtherService = Guid.NewGuid();
    private static readonly Guid Gp = Guid.NewGuid();
    private static readonly Guid Department = Guid.NewGuid();
    private static readonly Guid SecondDepartment = Guid.NewGuid();
    private static readonly Guid Municipality = Guid.NewGuid();
    private static readonly PatientCareRelations Patient = new(Guid.NewGuid(), Service, Gp, [Department, SecondDepartment], Municipality);

    public static TheoryData<Caller, bool> Cases => new()
    {
        { new(Guid.NewGuid().ToString(), Role.Nurse, Service), true },
        { new(Guid.NewGuid().ToString(), Role.Nurse, OtherService), false },
        { new(Guid.NewGuid().ToString(), Role.Coordinator, Service), true },
        { new(Guid.NewGuid().ToString(), Role.Coordinator, OtherService), false },
        { new(Gp.ToString(), Role.Gp, Guid.NewGuid()), true },
        { new(Guid.NewGuid().ToString(), Role.Gp, Guid.NewGuid()), false },
        { new(Guid.NewGuid().ToString(), Role.Specialist, Department), true },
        { new(Guid.NewGuid().ToString(), Role.Specialist, SecondDepartment), true },
        { new(Guid.NewGuid().ToString(), Role.Specialist, Guid.NewGuid()), false },
        { new(Guid.NewGuid().ToString(), Role.Leader, Service), false },
        { new(Guid.NewGuid().ToString(), Role.Administrator, Service), false },
        { new("gateway", Role.DeviceGateway, Service), true },
        { new("gateway", Role.DeviceGateway, OtherService), false },
        { new(Guid.NewGuid().ToString(), Role.AllocationOffice, Municipality), true },
        { new(Guid.NewGuid().ToString(), Role.AllocationOffice, Guid.NewGuid()), false },
        { new(Guid.NewGuid().ToString(), Role.AllocationOffice, Service), false },
        { new(Patient.PatientId.ToString(), Role.Patient, Service), true },
        { new(Guid.NewGuid().ToString(), Role.Patient, Service), false },
        { new(Guid.NewGuid().ToString(), Role.Relative, Service) { OnBehalfOf = Patient.PatientId }, true },
        { new(Guid.NewGuid().ToString(), Role.Relative, Service) { OnBehalfOf = Guid.NewGuid() }, false },
        { new(Guid.NewGuid().ToString(), Role.Relative, Service), false },
        { new(Patient.PatientId.ToString(), Role.Relative, Service), false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Allows_NeedToKnow(Caller caller, bool expected) => PatientAccessRule.Allows(caller, Patient).ShouldBe(expected);

    [Fact]
    public void Allows_SpecialistWhenPatientNotShared_IsDenied() =>
        PatientAccessRule.Allows(new("s", Role.Specialist, Department), Patient with { SharedWithDepartmentIds = [] }).ShouldBeFalse();
}
