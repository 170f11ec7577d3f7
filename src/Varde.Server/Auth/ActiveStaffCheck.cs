using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>
/// Runs after every successful authentication (cookie or bearer token alike): a staff member's principal counts only
/// while the staff member is active and still has the role and organisation the principal was issued with. Otherwise
/// it becomes anonymous, so the request gets 401 (API) or the login page (screens): a deactivated user's sessions and
/// tokens end at the next request, and a changed role or organisation takes effect at once. One primary-key lookup a
/// request, remembered for the rest of the request.
/// </summary>
public sealed class ActiveStaffCheck(VardeDbContext db) : IClaimsTransformation
{
    private readonly Dictionary<string, bool> _checked = [];

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(VardeClaims.Subject);
        var role = principal.FindFirstValue(VardeClaims.Role);
        var organisation = principal.FindFirstValue(VardeClaims.Organisation);
        if (principal.Identity?.IsAuthenticated != true || !Enum.TryParse<Role>(role, out var parsedRole)
            || parsedRole is Role.Patient or Role.DeviceGateway || !Guid.TryParse(subject, out var staffId)
            || !Guid.TryParse(organisation, out var organisationId))
            return principal;

        var key = $"{subject}|{role}|{organisation}";
        if (!_checked.TryGetValue(key, out var current))
        {
            current = await db.StaffMembers.AsNoTracking()
                .AnyAsync(s => s.Id == staffId && s.DeactivatedAt == null && s.Role == parsedRole && s.OrganisationId == organisationId);
            _checked[key] = current;
        }

        return current ? principal : new ClaimsPrincipal(new ClaimsIdentity());
    }
}
