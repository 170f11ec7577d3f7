namespace Varde.Domain.Administration;

/// <summary>
/// One administrative change (an organisation or a staff member created, edited or deactivated; the installation set
/// up): who made it, when, on what, and the record as it was before and after, as JSON. Append-only, written in the
/// same transaction as the change, searched by administrators; never copied to application logs.
/// </summary>
public sealed class AdminAuditEntry
{
    private AdminAuditEntry()
    {
        ActorId = "";
        ActorName = "";
        EntityKind = "";
        Action = "";
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The staff member's id who made the change ("setup" for the first start, when nobody is signed in yet).</summary>
    public string ActorId { get; private set; }

    /// <summary>The actor's name at the time, so the entry reads the same after the actor is renamed or deactivated.</summary>
    public string ActorName { get; private set; }

    /// <summary>What kind of record changed: <see cref="AdminEntityKinds"/>.</summary>
    public string EntityKind { get; private set; }

    public Guid EntityId { get; private set; }

    /// <summary>What was done: <see cref="AdminActions"/>.</summary>
    public string Action { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>The entry's fields in the order <see cref="Access.AuditChain.Link"/> takes them; the time as stored (UTC, round-trip format).</summary>
    public IReadOnlyList<string?> ChainFields() =>
    [
        Id.ToString("D"), At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture), ActorId, ActorName, EntityKind,
        EntityId.ToString("D"), Action, Before, After,
    ];

    public static AdminAuditEntry Record(Guid id, DateTimeOffset at, string actorId, string actorName, string entityKind, Guid entityId,
        string action, string? before, string? after) => new()
    {
        Id = id,
        At = at.ToUniversalTime(),
        ActorId = actorId,
        ActorName = actorName,
        EntityKind = entityKind,
        EntityId = entityId,
        Action = action,
        Before = before,
        After = after,
    };
}
