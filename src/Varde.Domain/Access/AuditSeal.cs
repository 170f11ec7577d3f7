namespace Varde.Domain.Access;

/// <summary>
/// One entry of an audit log taken into that log's hash chain (<see cref="AuditChain"/>): the log, the entry's place in
/// the chain, which entry, its time, and its link. Written by the sealing job, in the chain's order, a few minutes after
/// the entry; append-only like the logs themselves. An entry without a seal, older than the last sealed one, was written
/// after its time had been sealed: forged or backdated.
/// </summary>
public sealed class AuditSeal
{
    private AuditSeal()
    {
        Log = "";
        Hash = "";
    }

    /// <summary><see cref="AuditLogs.Access"/> or <see cref="AuditLogs.Admin"/>.</summary>
    public string Log { get; private set; }

    /// <summary>1, 2, 3… within the log, without gaps.</summary>
    public long Seq { get; private set; }

    public Guid EntryId { get; private set; }

    public DateTimeOffset EntryAt { get; private set; }

    /// <summary>The link: <see cref="AuditChain.Link"/> of the previous seal's hash and the entry.</summary>
    public string Hash { get; private set; }

    public DateTimeOffset SealedAt { get; private set; }

    public static AuditSeal Create(string log, long seq, Guid entryId, DateTimeOffset entryAt, string hash, DateTimeOffset sealedAt) => new()
    {
        Log = log,
        Seq = seq,
        EntryId = entryId,
        EntryAt = entryAt.ToUniversalTime(),
        Hash = hash,
        SealedAt = sealedAt.ToUniversalTime(),
    };
}

/// <summary>The audit logs that are sealed into a hash chain each.</summary>
public static class AuditLogs
{
    /// <summary>The access log (<see cref="AccessLogEntry"/>).</summary>
    public const string Access = "access";

    /// <summary>The administrative audit log (<c>AdminAuditEntry</c>).</summary>
    public const string Admin = "admin";
}
