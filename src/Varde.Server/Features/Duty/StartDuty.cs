using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Services;
using Varde.Server.Auth;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Features.Duty;

/// <summary>
/// POST /api/services/{id}/duty/start: a nurse or coordinator goes on duty in the service they work for. Already on duty:
/// the same shift (200), so a double click or a resend starts one. A shift left open past its longest is closed there
/// first. Two sign-ons at once: the database keeps one open shift per person and the second answer is that shift.
/// </summary>
public sealed class StartDuty(VardeDbContext db, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder services) =>
        services.MapPost("/{serviceId:guid}/duty/start", async (Guid serviceId, ClaimsPrincipal user, StartDuty slice, CancellationToken ct) =>
                (await slice.HandleAsync(serviceId, user, ct)).ToHttp())
            .WithName(nameof(StartDuty))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<DutyOutcome> HandleAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ServiceAccess.WorksFor(user, serviceId) || !Guid.TryParse(Callers.From(user).ActorId, out var staffMemberId))
            return new DutyOutcome.NotYourService();
        var now = clock.GetUtcNow();
        if (await db.DutyShifts.SingleOrDefaultAsync(s => s.StaffMemberId == staffMemberId && s.EndedAt == null, ct) is { } open)
        {
            if (open.ServiceId == serviceId && open.IsOnDuty(now))
                return new DutyOutcome.OnDuty(DutyShiftResponse.From(open), Started: false);
            open.End(now);
            await db.SaveChangesAsync(ct);
        }

        var shift = DutyShift.Start(Guid.CreateVersion7(now), serviceId, staffMemberId, now);
        db.DutyShifts.Add(shift);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another sign-on of hers was stored first: that is her shift (and if it has ended since, she starts anew).
            db.ChangeTracker.Clear();
            return await HandleAsync(serviceId, user, ct);
        }

        return new DutyOutcome.OnDuty(DutyShiftResponse.From(shift), Started: true);
    }
}
