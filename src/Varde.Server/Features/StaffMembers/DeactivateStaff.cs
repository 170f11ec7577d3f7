using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/admin/staff/{id}/deactivate: a staff member stops. From the next request their cookie sessions and bearer
/// tokens are refused (<see cref="ActiveStaffCheck"/>) and they cannot sign in again; what they did keeps their name.
/// An administrator cannot deactivate herself (the installation would be left without a way in). A shift they were on ends.
/// </summary>
public sealed class DeactivateStaff(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/staff/{id:guid}/deactivate", async (Guid id, ClaimsPrincipal user, DeactivateStaff slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(DeactivateStaff))
            .RequireAuthorization(Policies.Administer);

    public async Task<StaffOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
            return new StaffOutcome.NotFound();
        if (Callers.From(user).ActorId == id.ToString())
            return new StaffOutcome.Refused([new("id", "You cannot deactivate yourself.")]);
        if (staff.IsActive)
        {
            var before = AdminAudit.Snapshot(staff);
            var now = clock.GetUtcNow();
            staff.Deactivate(now);
            // Off duty too: the capacity figures and the hours on duty stop counting them now.
            await Duty.OpenShift.EndAsync(db, id, now, ct);
            audit.Stage(user, AdminEntityKinds.StaffMember, id, AdminActions.Deactivated, before, AdminAudit.Snapshot(staff));
            await db.SaveChangesAsync(ct);
        }

        return new StaffOutcome.Stored((await ListStaff.OneAsync(db, id, ct))!);
    }
}
