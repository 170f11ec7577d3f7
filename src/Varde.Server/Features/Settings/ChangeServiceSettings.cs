using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Services;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Settings;

/// <summary>
/// PUT /api/admin/services/{id}/settings: an administrator sets a follow-up service's opening hours, closed days,
/// escalation (after how long, and to whom: an active coordinator, leader or nurse of that service), planning figure and
/// default grace, all at once. The change is audited with before and after, and takes effect at once: escalation, the
/// patient's instructions, the capacity figures and the missing-report job read the settings each time.
/// </summary>
public sealed class ChangeServiceSettings(VardeDbContext db, AdminAudit audit, GetServiceSettings read)
{
    private static readonly Role[] EscalationRoles = [Role.Coordinator, Role.Leader, Role.Nurse];

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/services/{id:guid}/settings", async (Guid id, ServiceSettingsRequest request, ClaimsPrincipal user, ChangeServiceSettings slice,
                    CancellationToken ct) => (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(ChangeServiceSettings))
            .RequireAuthorization(Policies.Administer);

    public async Task<ServiceSettingsOutcome> HandleAsync(Guid serviceId, ServiceSettingsRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct))
            return new ServiceSettingsOutcome.NotFound();
        var (change, errors) = request.ToChange();
        if (request.EscalateToStaffId is { } contact && !await db.StaffMembers.AnyAsync(s => s.Id == contact && s.OrganisationId == serviceId
                && s.DeactivatedAt == null && EscalationRoles.Contains(s.Role), ct))
            errors.Add(new("escalateToStaffId", "Escalate to an active coordinator, leader or nurse of this service."));
        if (change is null || errors.Count > 0)
            return new ServiceSettingsOutcome.Refused(errors);

        var stored = await db.ServiceSettings.SingleOrDefaultAsync(s => s.ServiceId == serviceId, ct);
        var settings = stored ?? ServiceSettings.Default(serviceId);
        var before = stored is null ? null : Snapshot(settings);
        var refused = settings.Change(change);
        if (refused.Count > 0)
            return new ServiceSettingsOutcome.Refused(refused);
        if (stored is null)
            db.ServiceSettings.Add(settings);
        audit.Stage(user, AdminEntityKinds.ServiceSettings, serviceId, stored is null ? AdminActions.Created : AdminActions.Edited, before, Snapshot(settings));
        await db.SaveChangesAsync(ct);
        return await read.HandleAsync(serviceId, ct);
    }

    /// <summary>What the audit log keeps of a service's settings.</summary>
    private static object Snapshot(ServiceSettings s) => new
    {
        Weekly = s.OpeningHours.Weekly.Select(p => $"{p.Day} {p.Opens:HH\\:mm}–{p.Closes:HH\\:mm}").ToArray(),
        ClosedDays = s.ClosedDays.Select(d => $"{d.Date:yyyy-MM-dd} {d.Reason}").ToArray(),
        s.EscalateAfterMinutes, s.EscalateToStaffId, s.PatientsPerNurse, s.DefaultGraceMinutes,
    };
}
