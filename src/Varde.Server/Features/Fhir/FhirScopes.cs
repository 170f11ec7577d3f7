using System.Security.Claims;
using Hl7.Fhir.Model;
using OpenIddict.Abstractions;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>Enforces SMART scopes on FHIR interactions: without a granted scope that covers the interaction, 403 with an OperationOutcome.</summary>
public static class FhirScopes
{
    public static bool Allow(ClaimsPrincipal user, string type, char permission) => SmartScopes.Allows(user.GetScopes(), type, permission);

    public static FhirResult Missing(string type, char permission) =>
        FhirOutcome.Error(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
            $"The token has no scope that allows '{permission}' on {type} (e.g. system/{type}.{permission} or user/{type}.{permission}); ask for it at /connect/token.");

    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string type, char permission) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            Allow(context.HttpContext.User, type, permission) ? await next(context) : Missing(type, permission));
}
