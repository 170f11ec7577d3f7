using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Features.Duty;

/// <summary>
/// POST /api/services/{id}/duty/end: the caller goes off duty (the shift ends now, or at its longest if it was left open
/// past it). Not on duty in that service: 409.
/// </summary>
public sealed class EndDuty(VardeDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder services) =>
        services.MapPost("/{serviceId:guid}/duty/end", async (Guid serviceId, ClaimsPrincipal user, EndDuty slice, CancellationToken ct) =>
                (await slice.HandleAsync(serviceId, user, ct)).ToHttp())
            .WithName(nameof(EndDuty))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<DutyOutcome> HandleAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ServiceAccess.WorksFor(user, serviceId) || !Guid.TryParse(Callers.From(user).ActorId, out var staffMemberId))
            return new DutyOutcome.NotYourService();
        var open = await db.DutyShifts.SingleOrDefaultAsync(s => s.StaffMemberId == staffMemberId && s.ServiceId == serviceId && s.EndedAt == null, ct);
        if (open is null)
            return new DutyOutcome.NotOnDuty();
        open.End(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new DutyOutcome.SignedOff(DutyShiftResponse.From(open));
    }
}
