using Varde.Domain.Access;

namespace Varde.Server.Features.StaffMembers;

/// <summary>The fields of a staff member; the user name only when inviting (it never changes after). The work phone is where notifications go (optional).</summary>
public sealed record StaffRequest(string? Name, Role? Role, Guid? OrganisationId, string? HprNumber, string? UserName = null, string? WorkPhone = null);
