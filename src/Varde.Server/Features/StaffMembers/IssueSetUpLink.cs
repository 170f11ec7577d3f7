using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/admin/staff/{id}/setup-link: a new one-time set-up link for an invited staff member who has not chosen her
/// password yet (the first was lost or expired). Shown once, like the first; the audit log records that one was made.
/// </summary>
public sealed class IssueSetUpLink(VardeDbContext db, UserManager<StaffAccount> users, AdminAudit audit)
{
    public sealed record Response(string SetUpLink);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/staff/{id:guid}/setup-link", async Task<Results<Ok<Response>, ValidationProblem, NotFound>> (Guid id, ClaimsPrincipal user,
                IssueSetUpLink slice, CancellationToken ct) =>
                await slice.HandleAsync(id, user, ct) switch
                {
                    (null, null) => TypedResults.NotFound(),
                    ({ } link, _) => TypedResults.Ok(new Response(link)),
                    (_, { } error) => TypedResults.ValidationProblem(ValidationError.ByField([error])),
                })
            .WithName(nameof(IssueSetUpLink))
            .RequireAuthorization(Policies.Administer);

    /// <summary>The link, or why there is none (null and null: no such staff member).</summary>
    public async Task<(string? Link, ValidationError? Error)> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        var account = staff is null ? null : await users.FindByIdAsync(id.ToString());
        if (staff is null || account is null)
            return (null, null);
        if (!staff.IsActive)
            return (null, new("id", "A deactivated staff member gets no set-up link."));
        if (await users.HasPasswordAsync(account))
            return (null, new("id", "This staff member has chosen a password already."));

        // A new security stamp voids the links made before this one.
        await users.UpdateSecurityStampAsync(account);
        var link = SetPassword.Link(id, await users.GeneratePasswordResetTokenAsync(account));
        audit.Stage(user, AdminEntityKinds.StaffMember, id, AdminActions.LinkIssued, null, null);
        await db.SaveChangesAsync(ct);
        return (link, null);
    }
}
