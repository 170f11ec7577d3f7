using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>
/// Runs after authentication on every request of a backend system's token: the token counts only while the system is
/// registered and not revoked, else the request gets 401 at once (ADR 0045). One lookup by the unique client id per
/// request; backend systems send few, large requests (searches, bulk export), so no cache is kept.
/// </summary>
public sealed class ActiveBackendSystemCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        // The context is resolved only for a backend system's request: every other request passes at no cost.
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(VardeClaims.Role) == nameof(Role.BackendSystem)
            && user.FindFirstValue(VardeClaims.Subject) is var clientId
            && !await context.RequestServices.GetRequiredService<VardeDbContext>().BackendSystems
                .AnyAsync(b => b.ClientId == clientId && b.RevokedAt == null, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await next(context);
    }
}
