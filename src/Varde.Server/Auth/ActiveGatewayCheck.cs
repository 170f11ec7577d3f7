using System.Security.Claims;
using Varde.Domain.Access;
using Varde.Server.Features.Gateways;

namespace Varde.Server.Auth;

/// <summary>
/// Runs after authentication on every request of a device gateway's token: the token counts only while its gateway is
/// not revoked and the secret it was issued for still counts (a rotation's overlap ends it), else the request gets 401
/// at once (<see cref="GatewayStates"/>, no query per request; ADR 0024). Then notes a refused request in the gateway's
/// activity (status and endpoint, when intake has not noted a more precise reason for it).
/// </summary>
public sealed class ActiveGatewayCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, GatewayStates states, GatewayActivity activity)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(VardeClaims.Role) != nameof(Role.DeviceGateway)
            || user.FindFirstValue(VardeClaims.Subject) is not { } clientId)
        {
            await next(context);
            return;
        }

        var secretId = Guid.TryParse(user.FindFirstValue(VardeClaims.GatewaySecret), out var id) ? id : (Guid?)null;
        if (!await states.HonoursAsync(clientId, secretId, context.RequestAborted))
        {
            activity.Refused(clientId, "token-ended: revoked or secret ended");
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var noted = activity.RefusalsNoted(clientId);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (BadHttpRequestException e)
        {
            // A body that cannot be read is answered by the exception handler further out.
            status = e.StatusCode;
            throw;
        }
        finally
        {
            if (status >= 400 && activity.RefusalsNoted(clientId) == noted)
                activity.Refused(clientId, $"{status} {context.Request.Method} {(context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "?"}");
        }
    }
}
