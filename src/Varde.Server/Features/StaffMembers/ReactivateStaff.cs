using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/admin/staff/{id}/reactivate: a deactivated staff member gets access back (deactivated by mistake, or back
/// from leave) and signs in again with her own password, or with a new set-up link. She must work in an organisation
/// in use: move her first when hers has been deactivated.
/// </summary>
public sealed class ReactivateStaff(VardeDbContext db, AdminAudit audit)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/staff/{id:guid}/reactivate", async (Guid id, ClaimsPrincipal user, ReactivateStaff slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(ReactivateStaff))
            .RequireAuthorization(Policies.Administer);

    public async Task<StaffOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
            return new StaffOutcome.NotFound();
        if (!staff.IsActive)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == staff.OrganisationId && o.DeactivatedAt == null, ct))
                return new StaffOutcome.Refused([new("organisationId", "Her organisation is no longer in use: move her to one in use first.")]);
            var before = AdminAudit.Snapshot(staff);
            staff.Reactivate();
            audit.Stage(user, AdminEntityKinds.StaffMember, id, AdminActions.Reactivated, before, AdminAudit.Snapshot(staff));
            await db.SaveChangesAsync(ct);
        }

        return new StaffOutcome.Stored((await ListStaff.OneAsync(db, id, ct))!);
    }
}
