using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;

namespace Varde.Server.Auth;

/// <summary>
/// Runs after authentication on every request of a patient's bearer token from the tablet grant: the token counts only
/// while the tablet it was issued on is still enrolled. Blocking (revoking) the tablet ends such a token at its next
/// request with 401, as it ends the tablet's cookie session (<see cref="PatientAuth"/>), instead of after the token's
/// 30 minutes. One primary-key lookup a request of such a token.
/// </summary>
public sealed class ActiveTabletCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, VardeDbContext db, TimeProvider clock)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(VardeClaims.Role) == nameof(Role.Patient)
            && Guid.TryParse(user.FindFirstValue(PatientAuth.DeviceClaim), out var deviceId)
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var device = await db.PatientDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId, context.RequestAborted);
            if (device?.StateAt(clock.GetUtcNow()) != PatientDeviceState.Enrolled)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
        }

        await next(context);
    }
}
