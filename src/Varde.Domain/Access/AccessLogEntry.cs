namespace Varde.Domain.Access;

/// <summary>
/// One read or write of a patient's data, allowed or denied: who (actor, role, organisation), which patient,
/// what, when and the outcome. Append-only; later the patient sees these ("who has looked at my data").
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

    /// <summary>The patient asked for; recorded even when no such patient exists or access was denied.</summary>
    public Guid PatientId { get; private set; }

    /// <summary>What was done, as a stable action name such as "measurement.record".</summary>
    public string Action { get; private set; }

    public AccessOutcome Outcome { get; private set; }

    public string? TraceId { get; private set; }

    public static AccessLogEntry Create(Guid id, Caller caller, Guid patientId, string action, AccessOutcome outcome,
        DateTimeOffset at, string? traceId) => new()
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
    };
}
