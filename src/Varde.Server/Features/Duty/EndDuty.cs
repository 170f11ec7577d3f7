using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Features.Duty;

/// <summary>
/// POST /api/services/{id}/duty/end: the caller goes off duty (the shift ends now, or at its longest if it was left open
/// past it: then 409, as when not on duty in that service at all).
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
        var now = clock.GetUtcNow();
        var stillOn = open.IsOnDuty(now);
        open.End(now);
        await db.SaveChangesAsync(ct);
        // A shift left open past its longest is closed there, but she was no longer on duty: the answer says so.
        return stillOn ? new DutyOutcome.SignedOff(DutyShiftResponse.From(open)) : new DutyOutcome.NotOnDuty();
    }
}
