using OpenIddict.Abstractions;

namespace Varde.Server.Auth;

/// <summary>
/// The JSON API's side of the one scope model (<see cref="SmartScopes"/>): an endpoint that reads or writes what FHIR
/// calls an Observation or a QuestionnaireResponse needs the same scope on a bearer token as the FHIR interaction does,
/// so a token narrowed to <c>user/Patient.rs</c> or <c>system/Device.c</c> cannot use /api to do more. A session cookie
/// (the web screens) carries no scopes and is judged by its role alone.
/// </summary>
public static class ApiScopes
{
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string type, char permission) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (!bearer || SmartScopes.Allows(http.User.GetScopes(), type, permission))
                return await next(context);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Scope missing",
                detail: $"The token has no scope that allows '{permission}' on {type} (e.g. system/{type}.{permission}, user/{type}.{permission} or patient/{type}.{permission}); ask for it at /connect/token.");
        });
}
