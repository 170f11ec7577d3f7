using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Features.Audit;

/// <summary>An audit entry as its chain sees it: id, time and the fields that are hashed, as read from the database.</summary>
public sealed record AuditEntry(Guid Id, DateTimeOffset At, IReadOnlyList<string?> Fields);

/// <summary>Reads either audit log for the chain: the next entries to seal, and entries by id.</summary>
public static class AuditEntries
{
    /// <summary>
    /// Up to <paramref name="take"/> entries before <paramref name="upTo"/> not yet sealed, in (time, id) order, from the
    /// time of the last sealed one on (none: from the start). Older unsealed entries are left out: their time is sealed.
    /// </summary>
    public static async Task<List<AuditEntry>> AfterAsync(VardeDbContext db, string log, DateTimeOffset? from, DateTimeOffset upTo, int take, CancellationToken ct)
    {
        var seals = db.AuditSeals.Where(s => s.Log == log);
        if (log == AuditLogs.Access)
        {
            var query = db.AccessLog.AsNoTracking().Where(e => e.At < upTo);
            if (from is { } f)
                query = query.Where(e => e.At >= f && !seals.Any(s => s.EntryId == e.Id));
            return (await query.OrderBy(e => e.At).ThenBy(e => e.Id).Take(take).ToListAsync(ct)).ConvertAll(e => new AuditEntry(e.Id, e.At, e.ChainFields()));
        }
        else
        {
            var query = db.AdminAudit.AsNoTracking().Where(e => e.At < upTo);
            if (from is { } f)
                query = query.Where(e => e.At >= f && !seals.Any(s => s.EntryId == e.Id));
            return (await query.OrderBy(e => e.At).ThenBy(e => e.Id).Take(take).ToListAsync(ct)).ConvertAll(e => new AuditEntry(e.Id, e.At, e.ChainFields()));
        }
    }

    public static async Task<Dictionary<Guid, AuditEntry>> ByIdAsync(VardeDbContext db, string log, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        log == AuditLogs.Access
            ? await db.AccessLog.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => new AuditEntry(e.Id, e.At, e.ChainFields()), ct)
            : await db.AdminAudit.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => new AuditEntry(e.Id, e.At, e.ChainFields()), ct);

    /// <summary>
    /// Entries before <paramref name="until"/> (the last sealed one's time) that have no seal: written after their time
    /// was sealed. Not at that time itself: a sealing between two batches may have taken only some of its entries.
    /// </summary>
    public static IQueryable<Guid> UnsealedBefore(VardeDbContext db, string log, DateTimeOffset until)
    {
        var seals = db.AuditSeals.Where(s => s.Log == log);
        return log == AuditLogs.Access
            ? db.AccessLog.Where(e => e.At < until && !seals.Any(s => s.EntryId == e.Id)).OrderBy(e => e.At).Select(e => e.Id)
            : db.AdminAudit.Where(e => e.At < until && !seals.Any(s => s.EntryId == e.Id)).OrderBy(e => e.At).Select(e => e.Id);
    }

    /// <summary>Entries from <paramref name="from"/> on (none sealed: every entry) without a seal, waiting for the next sealing.</summary>
    public static Task<int> WaitingAsync(VardeDbContext db, string log, DateTimeOffset? from, CancellationToken ct)
    {
        var seals = db.AuditSeals.Where(s => s.Log == log);
        return log == AuditLogs.Access
            ? (from is { } a ? db.AccessLog.CountAsync(e => e.At >= a && !seals.Any(s => s.EntryId == e.Id), ct) : db.AccessLog.CountAsync(ct))
            : (from is { } b ? db.AdminAudit.CountAsync(e => e.At >= b && !seals.Any(s => s.EntryId == e.Id), ct) : db.AdminAudit.CountAsync(ct));
    }
}
