using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.BreakGlass;

/// <summary>
/// GET /api/break-glass (and /nodtilgang/gjennomgang): the emergency accesses to the patients of the leader's follow-up
/// service, newest first, unreviewed ones first: who (name, role, organisation), which patient, why, when, until when,
/// how many acts were done under it, and the review if there is one. Reading the list is in each patient's access log.
/// </summary>
public sealed class ListBreakGlass(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int DefaultDays = 90;

    public sealed record Use(Guid Id, Guid PatientId, string PatientName, string StaffName, Role StaffRole, string? Organisation, string Reason,
        DateTimeOffset At, DateTimeOffset Until, bool Open, int Acts, Review? Review);

    public sealed record Review(DateTimeOffset At, string ByName, string Note);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/break-glass", async (int? days, ClaimsPrincipal user, ListBreakGlass slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(days, user, ct)))
            .WithName(nameof(ListBreakGlass)).WithTags("Break-glass").RequireAuthorization(Policies.ReviewBreakGlass);

    public async Task<IReadOnlyList<Use>> HandleAsync(int? days, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-Math.Clamp(days ?? DefaultDays, 1, 366));
        var uses = await (from b in db.BreakGlassAccesses.AsNoTracking()
                          join p in db.Patients.AsNoTracking() on b.PatientId equals p.Id
                          where p.FollowUpServiceId == caller.OrganisationId && b.At >= since
                          select new { Access = b, PatientName = p.Name }).ToListAsync(ct);
        var ids = uses.Select(u => u.Access.Id).ToList();
        var reviews = (await db.BreakGlassReviews.AsNoTracking().Where(r => ids.Contains(r.BreakGlassId)).ToListAsync(ct))
            .GroupBy(r => r.BreakGlassId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.At)!);
        var actors = uses.Select(u => u.Access.ActorId).Distinct().ToList();
        var patients = uses.Select(u => u.Access.PatientId).Distinct().ToList();
        var acts = await db.AccessLog.AsNoTracking()
            .Where(e => e.Outcome == AccessOutcome.BreakGlass && actors.Contains(e.ActorId) && e.PatientId != null && patients.Contains(e.PatientId.Value) && e.At >= since)
            .Select(e => new { e.ActorId, PatientId = e.PatientId!.Value, e.At }).ToListAsync(ct);
        var names = await StaffNames.ForAsync(db, actors.Concat(reviews.Values.Select(r => r.ByActorId)), ct);
        var organisationIds = uses.Select(u => u.Access.ActorOrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        if (patients.Count > 0)
            await gate.LogAsync(caller, patients, "break-glass.review-list", AccessOutcome.Allowed, ct);

        return uses
            .Select(u => new Use(u.Access.Id, u.Access.PatientId, u.PatientName, names.Of(u.Access.ActorId)!, u.Access.ActorRole,
                organisations.GetValueOrDefault(u.Access.ActorOrganisationId), u.Access.Reason, u.Access.At, u.Access.Until, u.Access.IsOpenAt(now),
                acts.Count(a => a.ActorId == u.Access.ActorId && a.PatientId == u.Access.PatientId && a.At >= u.Access.At && a.At < u.Access.Until),
                reviews.TryGetValue(u.Access.Id, out var r) ? new Review(r.At, names.Of(r.ByActorId)!, r.Note) : null))
            .OrderBy(u => u.Review is not null).ThenByDescending(u => u.At).ToList();
    }
}
