using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Patients;

/// <summary>
/// A patient in the list: what <see cref="PatientResponse"/> shows, and the newest pathway's state, the worst open
/// alert's zone (red or yellow; null when none is open or the open ones are neither), how many alerts are open, the
/// newest report's time, and the municipality's and GP's names.
/// </summary>
public sealed record PatientListRow(
    Guid Id,
    string Name,
    string IdentityNumber,
    IdentityNumberKind IdentityKind,
    DateOnly BirthDate,
    int Age,
    Guid FollowUpServiceId,
    Guid MunicipalityId,
    string? MunicipalityName,
    Guid? GpStaffId,
    string? GpName,
    IReadOnlyList<Guid> SharedWithDepartmentIds,
    IReadOnlyList<DiagnosisGroup> Diagnoses,
    DateTimeOffset EnrolledAt,
    PathwayState? PathwayState,
    TriageOutcome? Zone,
    int OpenAlerts,
    DateTimeOffset? OldestOpenAlertAt,
    DateTimeOffset? LastReportAt)
{
    internal static PatientListRow From(ListPatients.Projection r, DateOnly today)
    {
        var p = PatientResponse.From(r.Patient, today);
        return new(p.Id, p.Name, p.IdentityNumber, p.IdentityKind, p.BirthDate, p.Age, p.FollowUpServiceId, p.MunicipalityId, r.MunicipalityName,
            p.GpStaffId, r.GpName, p.SharedWithDepartmentIds, p.Diagnoses, p.EnrolledAt, r.State,
            r.HasRed ? TriageOutcome.Red : r.HasYellow ? TriageOutcome.Yellow : null, r.OpenAlerts, r.OldestOpenAlertAt, r.LastReportAt);
    }
}
