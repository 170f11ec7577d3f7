namespace Varde.Domain.Access;

/// <summary>
/// Need-to-know access to one patient's data (design.md §3.9): a nurse or coordinator reaches the patients of her
/// own follow-up service, a GP her listed patients, a specialist the patients shared with her department (one of theirs), a device
/// gateway the patients of the service it is registered for, a backend system (an EHR) those of the service or department it acts for, a municipality's allocation office the patients who live in
/// its municipality (for the decision on their referral), a patient only themself, a relative only the patient whose consent they hold (the session is ended the moment it is withdrawn). Leaders and administrators see no
/// patient data.
/// </summary>
public static class PatientAccessRule
{
    public static bool Allows(Caller caller, PatientCareRelations patient) => caller.Role switch
    {
        Role.Nurse or Role.Coordinator or Role.DeviceGateway => caller.OrganisationId == patient.FollowUpServiceId,
        Role.Gp => Guid.TryParse(caller.ActorId, out var staffId) && staffId == patient.GpStaffId,
        Role.Specialist => patient.SharedWithDepartmentIds.Contains(caller.OrganisationId),
        Role.BackendSystem => caller.OrganisationId == patient.FollowUpServiceId || patient.SharedWithDepartmentIds.Contains(caller.OrganisationId),
        Role.AllocationOffice => caller.OrganisationId == patient.MunicipalityId,
        Role.Patient => caller.ActorId == patient.PatientId.ToString(),
        Role.Relative => caller.OnBehalfOf == patient.PatientId,
        Role.Leader or Role.Administrator => false,
    };
}
