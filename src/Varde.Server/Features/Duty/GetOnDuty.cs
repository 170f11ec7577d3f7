using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Services;
using Varde.Server.Auth;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Features.Duty;

/// <summary>
/// GET /api/services/{id}/duty: who is on duty in the service now (name, role, since when, and until when the shift
/// counts if nobody signs off), for the people who work there and its leaders. The capacity figures count the same people;
/// a deactivated staff member is not on duty.
/// </summary>
public sealed class GetOnDuty(VardeDbContext db, TimeProvider clock)
{
    public sealed record OnDutyPerson(Guid StaffMemberId, string Name, Role Role, DateTimeOffset Since, DateTimeOffset LatestEnd);

    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/duty", async Task<Results<Ok<IReadOnlyList<OnDutyPerson>>, ProblemHttpResult>> (Guid serviceId,
                ClaimsPrincipal user, GetOnDuty slice, CancellationToken ct) =>
                ServiceAccess.WorksFor(user, serviceId) ? TypedResults.Ok(await slice.HandleAsync(serviceId, ct)) : AlertProblems.ServiceNotFound(serviceId))
            .WithName(nameof(GetOnDuty))
            .RequireAuthorization(Policies.ServiceFigures);

    public async Task<IReadOnlyList<OnDutyPerson>> HandleAsync(Guid serviceId, CancellationToken ct)
    {
        var shifts = await OnDutyNowAsync(db, serviceId, clock.GetUtcNow(), ct);
        var ids = shifts.Select(s => s.StaffMemberId).ToList();
        var names = await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id) && s.DeactivatedAt == null).ToDictionaryAsync(s => s.Id, s => (s.Name, s.Role), ct);
        return [.. shifts.Where(s => names.ContainsKey(s.StaffMemberId)).OrderBy(s => s.StartedAt)
            .Select(s => new OnDutyPerson(s.StaffMemberId, names[s.StaffMemberId].Name, names[s.StaffMemberId].Role, s.StartedAt, s.LatestEnd))];
    }

    /// <summary>The shifts of a service on duty at <paramref name="now"/>: open, and begun less than the longest shift ago.</summary>
    public static async Task<List<DutyShift>> OnDutyNowAsync(VardeDbContext db, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        var longestAgo = now.AddHours(-DutyShift.LongestHours);
        return await db.DutyShifts.AsNoTracking()
            .Where(s => s.ServiceId == serviceId && s.EndedAt == null && s.StartedAt <= now && s.StartedAt > longestAgo)
            .ToListAsync(ct);
    }
}
