using Varde.Domain.Patients;

namespace Varde.Domain.Tests.Patients;

public sealed class TransferTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid North = Guid.NewGuid(), South = Guid.NewGuid(), Skien = Guid.NewGuid(), Horten = Guid.NewGuid(),
        Gp = Guid.NewGuid(), NewGp = Guid.NewGuid(), Department = Guid.NewGuid();

    private static Patient Followed() =>
        Patient.Enrol(Guid.NewGuid(), "13097248022", "Anna Pasient", South, Skien, Gp, Department, DiagnosisGroup.Copd, Now.AddDays(-30)).Value;

    [Fact]
    public void AnAcceptedTransfer_MovesServiceMunicipalityAndGp_KeepsDepartments_AndSaysWhatChanged()
    {
        var patient = Followed();
        var request = new TransferRequest(Guid.NewGuid(), patient.Id, North, Horten, NewGp, "nurse-north", Now);

        var changes = patient.Transfer(request, "nurse-south", Now);

        (patient.FollowUpServiceId, patient.MunicipalityId, patient.GpStaffId).ShouldBe((North, Horten, (Guid?)NewGp));
        patient.SharedWithDepartmentIds.ShouldBe([Department]);
        changes.Select(c => (c.Kind, c.From, c.To)).ShouldBe([
            (PatientCareChangeKind.ServiceChanged, (Guid?)South, (Guid?)North),
            (PatientCareChangeKind.MunicipalityChanged, Skien, Horten),
            (PatientCareChangeKind.GpChanged, Gp, NewGp)]);
        changes.ShouldAllBe(c => c.ByActorId == "nurse-south" && c.At == Now && c.PatientId == patient.Id);
    }

    [Fact]
    public void ATransferThatNamesNoGp_KeepsTheGp_AndOneToTheSameMunicipalityChangesOnlyTheService()
    {
        var patient = Followed();

        var changes = patient.Transfer(new TransferRequest(Guid.NewGuid(), patient.Id, North, Skien, null, "x", Now), "y", Now);

        patient.GpStaffId.ShouldBe(Gp);
        changes.Select(c => c.Kind).ShouldBe([PatientCareChangeKind.ServiceChanged]);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Pasienten har flyttet", true)]
    [InlineData("", true)]
    public void ADecision_KeepsANoteOfAtMost500Characters(string? note, bool valid)
    {
        TransferDecision.Record(Guid.NewGuid(), Guid.NewGuid(), TransferAnswer.Declined, "a", note, Now).IsValid.ShouldBe(valid);
        TransferDecision.Record(Guid.NewGuid(), Guid.NewGuid(), TransferAnswer.Declined, "a", new string('x', 501), Now).IsValid.ShouldBeFalse();
        TransferDecision.Record(Guid.NewGuid(), Guid.NewGuid(), (TransferAnswer)7, "a", null, Now).IsValid.ShouldBeFalse();
    }
}
