using Varde.Domain.Access;
using Varde.Domain.Staff;

namespace Varde.Server.Features.StaffMembers;

/// <summary>A staff member as the administrator's API and screens show them.</summary>
public sealed record StaffResponse(Guid Id, string Name, Role Role, Guid OrganisationId, string OrganisationName, string? HprNumber,
    string? UserName, bool Active, DateTimeOffset? DeactivatedAt, bool PasswordChosen = false, string? WorkPhone = null)
{
    public static StaffResponse From(StaffMember s, string organisationName, string? userName, bool passwordChosen = false) =>
        new(s.Id, s.Name, s.Role, s.OrganisationId, organisationName, s.HprNumber, userName, s.IsActive, s.DeactivatedAt, passwordChosen, s.WorkPhone);
}
