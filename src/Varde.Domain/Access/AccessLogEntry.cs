namespace Varde.Domain.Access;

/// <summary>
/// One read or write of a patient's data, allowed or denied, or a request refused by policy: who (actor, role,
/// organisation), which patient, what (the action, and the request: the resource's path and id or the search), when
/// and the outcome. Append-only and sealed into a hash chain (<see cref="AuditChain"/>); the patient sees these ("who
/// has looked at my data").
/// </summary>
public sealed class AccessLogEntry
{
    private AccessLogEntry()
    {
        ActorId = "";
        Action = "";
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorId { get; private set; }

    public Role ActorRole { get; private set; }

    public Guid ActorOrganisationId { get; private set; }

    /// <summary>
    /// The patient asked for; recorded even when no such patient exists or access was denied. None for a request refused
    /// by policy that named no patient (<see cref="PolicyDeniedAction"/>).
    /// </summary>
    public Guid? PatientId { get; private set; }

    /// <summary>What was done, as a stable action name such as "measurement.record".</summary>
    public string Action { get; private set; }

    public AccessOutcome Outcome { get; private set; }

    public string? TraceId { get; private set; }

    /// <summary>
    /// The request, as method and target (<c>GET /fhir/Observation?patient=…&amp;date=ge2026-01-01</c>): which resource
    /// and id, or which search. At most <see cref="RequestMaxLength"/> characters; none for work no request asked for (a job).
    /// </summary>
    public string? Request { get; private set; }

    /// <summary>The action of a request refused by an authorisation policy (a role without the right, 403).</summary>
    public const string PolicyDeniedAction = "policy.denied";

    public const int RequestMaxLength = 400;

    /// <summary>The entry's fields in the order <see cref="AuditChain.Link"/> takes them; the time as stored (UTC, round-trip format).</summary>
    public IReadOnlyList<string?> ChainFields() =>
    [
        Id.ToString("D"), At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture), ActorId, ActorRole.ToString(),
        ActorOrganisationId.ToString("D"), PatientId?.ToString("D"), Action, Outcome.ToString(), TraceId, Request,
    ];

    // At most RequestMaxLength characters, never half a surrogate pair (which the database could not store as UTF-8).
    private static string? Cut(string? request) => request is not { Length: > RequestMaxLength }
        ? request
        : request[..(char.IsHighSurrogate(request[RequestMaxLength - 1]) ? RequestMaxLength - 1 : RequestMaxLength)];

    public static AccessLogEntry Create(Guid id, Caller caller, Guid? patientId, string action, AccessOutcome outcome,
        DateTimeOffset at, string? traceId, string? request = null) => new()
    {
        Id = id,
        At = at.ToUniversalTime(),
        ActorId = caller.ActorId,
        ActorRole = caller.Role,
        ActorOrganisationId = caller.OrganisationId,
        PatientId = patientId,
        Action = action,
        Outcome = outcome,
        TraceId = traceId,
        Request = Cut(request),
    };
}
