using System.Security.Claims;
using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>Reads the domain's <see cref="Caller"/> from an authenticated principal.</summary>
public static class Callers
{
    public static Caller From(ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(VardeClaims.Subject);
        var role = user.FindFirstValue(VardeClaims.Role);
        var organisation = user.FindFirstValue(VardeClaims.Organisation);
        if (subject is null || !Enum.TryParse<Role>(role, out var parsedRole) || !Guid.TryParse(organisation, out var orgId))
            throw new UnauthorizedAccessException("The caller's identity is incomplete.");
        return new Caller(subject, parsedRole, orgId)
        {
            OnBehalfOf = parsedRole == Role.Relative && Guid.TryParse(user.FindFirstValue(VardeClaims.OnBehalfOf), out var patient) ? patient : null,
        };
    }

    public static ClaimsIdentity Identity(string authenticationType, string subject, string name, Role role, Guid organisationId) =>
        new(
            [
                new Claim(VardeClaims.Subject, subject),
                new Claim(VardeClaims.Name, name),
                new Claim(VardeClaims.Role, role.ToString()),
                new Claim(VardeClaims.Organisation, organisationId.ToString()),
            ],
            authenticationType, VardeClaims.Name, VardeClaims.Role);
}
