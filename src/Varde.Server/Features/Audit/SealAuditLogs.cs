using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Features.Audit;

/// <summary>
/// Seals the audit logs' new entries into their hash chains (<see cref="AuditChain"/>, ADR 0051): for each log, the
/// entries older than <see cref="Delay"/> that come after the last sealed one, in (time, id) order, each linked to the
/// one before. Entries are written by requests as they happen, so the hot paths take no lock; the delay lets every
/// request's transaction commit before its time is sealed. An entry that turns up later with a time already sealed is
/// never sealed: <see cref="VerifyAuditChain"/> reports it as written after the fact. Two nodes sealing at once cannot
/// both add a link: the chain's key (log, place) lets one transaction through.
/// </summary>
public sealed class SealAuditLogs(VardeDbContext db, DatabaseOptions options, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>How old an entry must be before it is sealed: far longer than any request's transaction.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(5);

    public const int BatchSize = 2_000;

    public static readonly string[] Logs = [AuditLogs.Access, AuditLogs.Admin];

    /// <summary>Seals every entry older than <see cref="Delay"/>; gives each log's head when anything was added.</summary>
    public Task<IReadOnlyList<AuditChainHead>> RunAsync(CancellationToken ct) => SealUpToAsync(clock.GetUtcNow() - Delay, ct);

    /// <summary>
    /// Seals every entry before <paramref name="upTo"/>; gives each log's head when anything was added. On PostgreSQL
    /// with an owner's connection string the seals are written as the owner: Varde's own role may only read them
    /// (<see cref="Infrastructure.DatabaseRoles"/>), so it cannot add a link by hand.
    /// </summary>
    public async Task<IReadOnlyList<AuditChainHead>> SealUpToAsync(DateTimeOffset upTo, CancellationToken ct)
    {
        var owner = configuration.GetConnectionString(Infrastructure.DatabaseRoles.OwnerConnectionString);
        if (options.Provider != DatabaseProvider.Postgres || string.IsNullOrEmpty(owner))
            return await SealAsync(db, upTo, ct);
        await using var asOwner = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Postgres, owner));
        return await SealAsync(asOwner, upTo, ct);
    }

    private async Task<IReadOnlyList<AuditChainHead>> SealAsync(VardeDbContext db, DateTimeOffset upTo, CancellationToken ct)
    {
        var heads = new List<AuditChainHead>();
        foreach (var log in Logs)
        {
            AuditChainHead? head = null;
            while (true)
            {
                var (added, last) = await SealBatchAsync(db, log, upTo, ct);
                if (last is not null)
                    head = last;
                if (added < BatchSize)
                    break;
            }

            if (head is not null)
                heads.Add(head);
        }

        return heads;
    }

    private async Task<(int Added, AuditChainHead? Head)> SealBatchAsync(VardeDbContext db, string log, DateTimeOffset upTo, CancellationToken ct)
    {
        var last = await db.AuditSeals.AsNoTracking().Where(s => s.Log == log).OrderByDescending(s => s.Seq).FirstOrDefaultAsync(ct);
        var entries = await AuditEntries.AfterAsync(db, log, last?.EntryAt, upTo, BatchSize, ct);
        if (entries.Count == 0)
            return (0, null);

        var (seq, hash) = (last?.Seq ?? 0, last?.Hash ?? AuditChain.Start);
        var now = clock.GetUtcNow();
        foreach (var entry in entries)
        {
            hash = AuditChain.Link(hash, log, entry.Fields);
            db.AuditSeals.Add(AuditSeal.Create(log, ++seq, entry.Id, entry.At, hash, now));
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (entries.Count, new AuditChainHead(log, seq, hash));
    }
}

/// <summary>Where a log's chain ends: the last place and its link. Kept outside the database, it proves the chain up to there.</summary>
public sealed record AuditChainHead(string Log, long Seq, string Hash)
{
    /// <summary><c>access:1234:9f…</c>, as <c>varde audit verify --head</c> takes it.</summary>
    public override string ToString() => $"{Log}:{Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Hash}";

    public static AuditChainHead? Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && SealAuditLogs.Logs.Contains(parts[0])
            && long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq) && seq > 0
            && parts[2].Length == 64 && parts[2].All(char.IsAsciiHexDigitLower)
            ? new AuditChainHead(parts[0], seq, parts[2])
            : null;
    }
}
