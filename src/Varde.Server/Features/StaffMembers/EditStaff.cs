using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// PUT /api/admin/staff/{id}: an administrator changes a staff member's name, role, organisation, HPR number or work phone. A
/// signed-in session or token made before a change of role or organisation is refused from the next request
/// (<see cref="Auth.ActiveStaffCheck"/>), so access follows the change at once.
/// </summary>
public sealed class EditStaff(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/staff/{id:guid}", async (Guid id, StaffRequest request, ClaimsPrincipal user, EditStaff slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(EditStaff))
            .RequireAuthorization(Policies.Administer);

    public async Task<StaffOutcome> HandleAsync(Guid id, StaffRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null)
            return new StaffOutcome.NotFound();
        var before = AdminAudit.Snapshot(staff);
        var (organisation, role) = (staff.OrganisationId, staff.Role);
        var errors = await StaffRules.CheckAsync(db, staff, request, ct);
        if (errors.Count == 0)
            errors.AddRange(staff.Edit(request.Name ?? "", request.Role!.Value, request.OrganisationId!.Value, request.HprNumber, request.WorkPhone));
        if (errors.Count > 0)
            return new StaffOutcome.Refused(errors);

        // A shift belongs to the service and role it was begun in: moved or given another role, they are off duty there.
        if (staff.OrganisationId != organisation || staff.Role != role)
            await Duty.OpenShift.EndAsync(db, id, clock.GetUtcNow(), ct);
        audit.Stage(user, AdminEntityKinds.StaffMember, id, AdminActions.Edited, before, AdminAudit.Snapshot(staff));
        await db.SaveChangesAsync(ct);
        return new StaffOutcome.Stored((await ListStaff.OneAsync(db, id, ct))!);
    }
}
