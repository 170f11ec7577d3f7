namespace Varde.Domain.Access;

/// <summary>The facts about a patient that decide who may see their data.</summary>
public sealed record PatientCareRelations(Guid PatientId, Guid FollowUpServiceId, Guid? GpStaffId, IReadOnlyList<Guid> SharedWithDepartmentIds,
    Guid MunicipalityId);
