using Varde.Domain.Patients;

namespace Varde.Server.Features.Patients;

/// <summary>A patient as the JSON API shows it to staff allowed to see them.</summary>
public sealed record PatientResponse(
    Guid Id,
    string Name,
    string IdentityNumber,
    IdentityNumberKind IdentityKind,
    DateOnly BirthDate,
    int Age,
    Guid FollowUpServiceId,
    Guid MunicipalityId,
    Guid? GpStaffId,
    IReadOnlyList<Guid> SharedWithDepartmentIds,
    IReadOnlyList<DiagnosisGroup> Diagnoses,
    DateTimeOffset EnrolledAt,
    ContactResponse Contact)
{
    public static PatientResponse From(Patient p, DateOnly today) => new(p.Id, p.Name, p.IdentityNumber, p.IdentityKind, p.BirthDate,
        p.AgeOn(today), p.FollowUpServiceId, p.MunicipalityId, p.GpStaffId, p.SharedWithDepartmentIds,
        Enum.GetValues<DiagnosisGroup>().Where(d => d != DiagnosisGroup.None && p.Diagnoses.HasFlag(d)).ToList(), p.EnrolledAt,
        ContactResponse.From(p.Contact));
}
