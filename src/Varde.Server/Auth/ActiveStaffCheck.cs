using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>
/// Runs after authentication on every request, for cookie sessions and bearer tokens alike: a staff member's session
/// or token counts only while the staff member is active and still has the role and organisation it was issued with.
/// A stale one ends at once: the session cookie is removed, and the request gets 401 (API, FHIR, or any bearer token)
/// or goes to the login page (screens); anonymous pages (the login page) open as for anyone. Deactivating a staff
/// member, or changing her role or organisation, therefore takes effect at her next request. One primary-key lookup a
/// signed-in staff request.
/// </summary>
public sealed class ActiveStaffCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, VardeDbContext db)
    {
        if (await IsStaleAsync(context.User, db, context.RequestAborted))
        {
            var bearer = context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (!bearer)
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            var anonymous = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            if (bearer || IsApi(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (!anonymous)
            {
                context.Response.Redirect("/login?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }
        }

        await next(context);
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/connect") || path.StartsWithSegments("/_blazor");

    private static async Task<bool> IsStaleAsync(ClaimsPrincipal principal, VardeDbContext db, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true
            || !Enum.TryParse<Role>(principal.FindFirstValue(VardeClaims.Role), out var role) || role is Role.Patient or Role.Relative or Role.DeviceGateway or Role.BackendSystem
            || !Guid.TryParse(principal.FindFirstValue(VardeClaims.Subject), out var staffId)
            || !Guid.TryParse(principal.FindFirstValue(VardeClaims.Organisation), out var organisationId))
            return false;
        // A HelseID session was matched by the HPR number: it counts only while the staff member still has that number.
        var hpr = principal.FindFirstValue(VardeClaims.HprNumber);
        return !await db.StaffMembers.AsNoTracking()
            .AnyAsync(s => s.Id == staffId && s.DeactivatedAt == null && s.Role == role && s.OrganisationId == organisationId
                && (hpr == null || s.HprNumber == hpr), ct);
    }
}
