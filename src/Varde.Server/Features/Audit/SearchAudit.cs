using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Audit;

/// <summary>
/// GET /api/admin/audit: the administrative audit log for administrators, newest first, by entity (kind and id), by the
/// person who made the change, and by period (from inclusive, to exclusive); at most 500 entries a page.
/// </summary>
public sealed class SearchAudit(VardeDbContext db)
{
    public const int MaxTake = 500;

    public sealed record Query(string? EntityKind, Guid? EntityId, string? ActorId, DateTimeOffset? From, DateTimeOffset? To, int? Take);

    /// <summary>One change; <c>EntityName</c> is the organisation's, staff member's, gateway's or template's name, or the equipment's serial number, today (the snapshots keep the name then), or the questionnaire's id.</summary>
    public sealed record Entry(Guid Id, DateTimeOffset At, string ActorId, string ActorName, string EntityKind, Guid EntityId, string? EntityName,
        string Action, string? Before, string? After);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/audit", async ([AsParameters] QueryParameters q, SearchAudit slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(new Query(q.EntityKind, q.EntityId, q.ActorId, q.From, q.To, q.Take), ct)))
            .WithName(nameof(SearchAudit))
            .RequireAuthorization(Policies.Administer);

    public async Task<IReadOnlyList<Entry>> HandleAsync(Query query, CancellationToken ct)
    {
        var entries = db.AdminAudit.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.EntityKind))
            entries = entries.Where(e => e.EntityKind == query.EntityKind);
        if (query.EntityId is { } entityId)
            entries = entries.Where(e => e.EntityId == entityId);
        if (!string.IsNullOrWhiteSpace(query.ActorId))
            entries = entries.Where(e => e.ActorId == query.ActorId);
        if (query.From is { } from)
        {
            var f = from.ToUniversalTime();
            entries = entries.Where(e => e.At >= f);
        }

        if (query.To is { } to)
        {
            var t = to.ToUniversalTime();
            entries = entries.Where(e => e.At < t);
        }

        var take = Math.Clamp(query.Take ?? 200, 1, MaxTake);
        var found = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);
        var ids = found.Select(e => e.EntityId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name })
            .Concat(db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }))
            .Concat(db.DeviceGateways.AsNoTracking().Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, g.Name }))
            .Concat(db.LentEquipment.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, Name = e.SerialNumber }))
            .Concat(db.PlanTemplates.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Name }))
            .Concat(db.Questionnaires.AsNoTracking().Where(q => ids.Contains(q.Key)).Select(q => new { Id = q.Key, Name = q.Id }))
            .ToDictionaryAsync(n => n.Id, n => n.Name, ct);
        return found.Select(e => new Entry(e.Id, e.At, e.ActorId, e.ActorName, e.EntityKind, e.EntityId, names.GetValueOrDefault(e.EntityId), e.Action,
            e.Before, e.After)).ToList();
    }

    public sealed record QueryParameters(string? EntityKind, Guid? EntityId, string? ActorId, DateTimeOffset? From, DateTimeOffset? To, int? Take);
}
