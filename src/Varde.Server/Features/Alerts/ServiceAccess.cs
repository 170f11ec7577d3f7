using System.Security.Claims;
using Varde.Server.Auth;

namespace Varde.Server.Features.Alerts;

/// <summary>Service-wide views belong to the people who work in that follow-up service.</summary>
public static class ServiceAccess
{
    public static bool WorksFor(ClaimsPrincipal user, Guid serviceId) => Callers.From(user).OrganisationId == serviceId;
}
