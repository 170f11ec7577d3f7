using Varde.Domain.Access;
using Varde.Domain.Patients;

namespace Varde.Domain.Tests.Patients;

public sealed class PatientCareChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid OldGp = Guid.NewGuid();
    private static readonly Guid NewGp = Guid.NewGuid();
    private static readonly Guid Cardiology = Guid.NewGuid();
    private static readonly Guid Lungs = Guid.NewGuid();

    private static Patient Enrolled() =>
        Patient.Enrol(Guid.NewGuid(), "13097248022", "Ola Nordmann", Guid.NewGuid(), Guid.NewGuid(), OldGp, Cardiology, DiagnosisGroup.Copd, Now.AddDays(-30)).Value;

    [Fact]
    public void ANewGpAndAnotherDepartment_AreEachOneChange_ByWhomAndWhen_AndAccessFollows()
    {
        var patient = Enrolled();

        var changes = patient.ChangeCare(NewGp, [Lungs], "nurse-1", Now);

        changes.Select(c => (c.Kind, c.From, c.To)).ShouldBe([
            (PatientCareChangeKind.GpChanged, OldGp, NewGp),
            (PatientCareChangeKind.SharingStopped, Cardiology, null),
            (PatientCareChangeKind.SharedWith, null, Lungs),
        ]);
        changes.ShouldAllBe(c => c.ByActorId == "nurse-1" && c.At == Now && c.PatientId == patient.Id);
        patient.GpStaffId.ShouldBe(NewGp);
        patient.SharedWithDepartmentIds.ShouldBe([Lungs]);
        PatientAccessRule.Allows(new(OldGp.ToString(), Role.Gp, Guid.NewGuid()), patient.CareRelations).ShouldBeFalse();
        PatientAccessRule.Allows(new(NewGp.ToString(), Role.Gp, Guid.NewGuid()), patient.CareRelations).ShouldBeTrue();
        PatientAccessRule.Allows(new("s", Role.Specialist, Cardiology), patient.CareRelations).ShouldBeFalse();
        PatientAccessRule.Allows(new("s", Role.Specialist, Lungs), patient.CareRelations).ShouldBeTrue();
    }

    [Fact]
    public void TheSameGpAndDepartments_ChangeNothing()
    {
        var patient = Enrolled();

        patient.ChangeCare(OldGp, [Cardiology, Cardiology], "nurse-1", Now).ShouldBeEmpty();
        patient.SharedWithDepartmentIds.ShouldBe([Cardiology]);
    }

    [Fact]
    public void NoGpAndNoDepartment_IsAllowed_AndSharingWithTwo()
    {
        var patient = Enrolled();

        patient.ChangeCare(null, [Cardiology, Lungs], "nurse-1", Now).Select(c => c.Kind)
            .ShouldBe([PatientCareChangeKind.GpChanged, PatientCareChangeKind.SharedWith]);
        patient.GpStaffId.ShouldBeNull();
        patient.SharedWithDepartmentIds.ShouldBe([Cardiology, Lungs]);
    }
}
