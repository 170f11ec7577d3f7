using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Auth;

namespace Varde.Server.Features.Audit;

/// <summary>
/// Writes an access-log entry for every request an authorisation policy refuses to a signed-in caller (403): who, the
/// request, and the patient when the route names one (<c>{patientId}</c>) or a relative acts for one. Then answers as ASP.NET Core would.
/// A caller who is not signed in (401) is not logged: there is nobody to name.
/// </summary>
public sealed class PolicyDenialLog(TimeProvider clock) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _answer = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && TryCaller(context, out var caller))
        {
            var db = context.RequestServices.GetRequiredService<VardeDbContext>();
            // The patient the route names, or the one a relative acts for.
            var patientId = Guid.TryParse(context.GetRouteValue("patientId") as string, out var id) ? id : caller.OnBehalfOf;
            var now = clock.GetUtcNow();
            db.AccessLog.Add(AccessLogEntry.Create(Guid.CreateVersion7(now), caller, patientId, AccessLogEntry.PolicyDeniedAction, AccessOutcome.Denied,
                now, System.Diagnostics.Activity.Current?.TraceId.ToString(), AuditedRequest.Describe(context.Request)));
            await db.SaveChangesAsync(context.RequestAborted);
        }

        await _answer.HandleAsync(next, context, policy, authorizeResult);
    }

    private static bool TryCaller(HttpContext context, out Caller caller)
    {
        try
        {
            caller = Callers.From(context.User);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            caller = null!;
            return false;
        }
    }
}

/// <summary>How an access-log entry names the request: method and target, the path with its ids and the query with the search.</summary>
public static class AuditedRequest
{
    /// <summary>The request; none for a screen's live connection (<c>/_blazor</c>), which names no resource: the action does.</summary>
    public static string? Describe(HttpRequest request) => request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal)
        ? null
        : $"{request.Method} {request.PathBase}{request.Path}{request.QueryString}";
}
