using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Features.Audit;

/// <summary>
/// Checks the audit logs against their hash chains (<c>varde audit verify</c>, ADR 0051): walks each chain in order and
/// recomputes every link from the entry as it is now, so an entry edited, removed or re-sealed breaks its link (the
/// first broken ones are named); lists entries that are not in the chain although their time is sealed (a forged or
/// backdated row); and checks heads kept outside the database, which a rewrite of the whole chain's tail cannot meet.
/// </summary>
public sealed class VerifyAuditChain(VardeDbContext db)
{
    public const int Named = 10;
    private const int Page = 2_000;

    public async Task<AuditChainReport> RunAsync(IReadOnlyCollection<AuditChainHead> expectedHeads, CancellationToken ct)
    {
        var logs = new List<AuditLogReport>();
        foreach (var log in SealAuditLogs.Logs)
            logs.Add(await VerifyLogAsync(log, expectedHeads.Where(h => h.Log == log).ToList(), ct));
        return new AuditChainReport(logs);
    }

    private async Task<AuditLogReport> VerifyLogAsync(string log, List<AuditChainHead> expected, CancellationToken ct)
    {
        var broken = new List<AuditBrokenLink>();
        var brokenCount = 0;
        var (seq, hash) = (0L, AuditChain.Start);
        AuditSeal? last = null;
        var hashes = expected.Select(h => h.Seq).Distinct().ToDictionary(s => s, _ => (string?)null);
        while (true)
        {
            var seals = await db.AuditSeals.AsNoTracking().Where(s => s.Log == log && s.Seq > seq).OrderBy(s => s.Seq).Take(Page).ToListAsync(ct);
            if (seals.Count == 0)
                break;
            var entries = await AuditEntries.ByIdAsync(db, log, seals.ConvertAll(s => s.EntryId), ct);
            foreach (var seal in seals)
            {
                string? what = null;
                if (seal.Seq != seq + 1)
                    what = $"the seals {seq + 1}–{seal.Seq - 1} are missing";
                else if (!entries.TryGetValue(seal.EntryId, out var entry))
                    what = "the entry is gone";
                else if (AuditChain.Link(hash, log, entry.Fields) != seal.Hash)
                    what = "the entry or the seal before it was changed";
                // The sealer takes entries in time order: a link that goes back in time was added by hand (a backdated
                // entry with a correctly computed seal).
                else if (entry.At != seal.EntryAt || (last is not null && entry.At < last.EntryAt))
                    what = "the entry is older than the one sealed before it: sealed by hand, not by Varde";
                if (what is not null && brokenCount++ < Named)
                    broken.Add(new AuditBrokenLink(seal.Seq, seal.EntryId, what));
                if (hashes.ContainsKey(seal.Seq))
                    hashes[seal.Seq] = seal.Hash;
                (seq, hash, last) = (seal.Seq, seal.Hash, seal);
            }
        }

        var headsNotMet = expected.Where(h => hashes[h.Seq] != h.Hash)
            .Select(h => hashes[h.Seq] is null ? $"{h}: the chain does not reach {h.Seq}" : $"{h}: the chain has {hashes[h.Seq]} there")
            .ToList();
        var unsealed = last is null ? [] : await AuditEntries.UnsealedBefore(db, log, last.EntryAt).Take(Named).ToListAsync(ct);
        var unsealedCount = last is null ? 0 : await AuditEntries.UnsealedBefore(db, log, last.EntryAt).CountAsync(ct);
        var waiting = await AuditEntries.WaitingAsync(db, log, last?.EntryAt, ct);
        return new AuditLogReport(log, seq, last is null ? null : new AuditChainHead(log, seq, hash), broken, brokenCount, unsealed, unsealedCount, waiting, headsNotMet);
    }
}

public sealed record AuditChainReport(IReadOnlyList<AuditLogReport> Logs)
{
    public bool Intact => Logs.All(l => l.Intact);
}

/// <param name="Log"><see cref="Varde.Domain.Access.AuditLogs"/>.</param>
/// <param name="Sealed">Entries in the chain.</param>
/// <param name="Head">Where the chain ends now (none: nothing sealed yet).</param>
/// <param name="Broken">The first <see cref="VerifyAuditChain.Named"/> broken links.</param>
/// <param name="BrokenCount">All broken links.</param>
/// <param name="Unsealed">The first entries not in the chain although their time is sealed.</param>
/// <param name="UnsealedCount">All such entries.</param>
/// <param name="Waiting">Entries newer than the last sealed one, for the next sealing: not a fault.</param>
/// <param name="HeadsNotMet">Heads given from outside that the chain no longer has.</param>
public sealed record AuditLogReport(string Log, long Sealed, AuditChainHead? Head, IReadOnlyList<AuditBrokenLink> Broken, int BrokenCount,
    IReadOnlyList<Guid> Unsealed, int UnsealedCount, int Waiting, IReadOnlyList<string> HeadsNotMet)
{
    public bool Intact => BrokenCount == 0 && UnsealedCount == 0 && HeadsNotMet.Count == 0;
}

public sealed record AuditBrokenLink(long Seq, Guid EntryId, string What);
