using Varde.Domain.Access;

namespace Varde.Domain.Subscriptions;

/// <summary>What a subscriber is told about (a topic of the FHIR Subscriptions R4 backport).</summary>
public enum SubscriptionTopic
{
    /// <summary>An alert was opened or changed (DetectedIssue create or update): opened, joined, escalated, acknowledged, handled.</summary>
    DetectedIssue,

    /// <summary>A measurement was received (Observation create).</summary>
    Observation,
}

/// <summary>The subscription's standing, as FHIR's Subscription.status codes it.</summary>
public enum SubscriptionStatus
{
    /// <summary>Made; the handshake has not reached the endpoint yet. Events are kept for it.</summary>
    Requested,

    /// <summary>The endpoint answered the handshake and the last notification.</summary>
    Active,

    /// <summary>A notification was given up; later ones are still tried, and one that arrives makes it active again.</summary>
    Error,

    /// <summary>Ended: deleted by its owner, past its end, or the handshake never reached the endpoint. Nothing more is sent.</summary>
    Off,
}

/// <summary>How much a notification carries (backport payload content).</summary>
public enum SubscriptionContent
{
    /// <summary>Only the status: the subscriber asks Varde what happened.</summary>
    Empty,

    /// <summary>The status and the focus resource's URL: the subscriber reads it with its own token.</summary>
    IdOnly,

    /// <summary>The status and the focus resource itself.</summary>
    FullResource,
}

/// <summary>
/// A FHIR subscription (R4 backport, topic-based, rest-hook): who made it (the owner, whose need-to-know decides which
/// patients' events it hears, at the time of each event), the topic and its filters (a patient; for alerts, a zone),
/// where to POST (endpoint and optional header), how much to send, and how often to say it is still alive
/// (heartbeat). Events are numbered from 1 (<see cref="EventsSinceStart"/>); each notification is a
/// <see cref="SubscriptionNotification"/> sent in order, with retries. <see cref="Version"/> guards the count
/// against two matchers at once.
/// </summary>
public sealed class FhirSubscription
{
    public const int MaxEndpointLength = 500;
    public const int MaxHeaderLength = 1000;
    public const int MaxReasonLength = 300;
    public const int MaxErrorLength = 200;

    /// <summary>The longest a notification POST may take; a longer timeout asked for is cut to this.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The shortest and longest heartbeat period a subscriber may ask for.</summary>
    public static readonly TimeSpan MinHeartbeat = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MaxHeartbeat = TimeSpan.FromDays(1);

    private FhirSubscription()
    {
        OwnerId = "";
        Endpoint = "";
        ServerBase = "";
        Reason = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The actor id of who made it; events reach it only for patients they may see.</summary>
    public string OwnerId { get; private set; }

    public Role OwnerRole { get; private set; }

    public Guid OwnerOrganisationId { get; private set; }

    public SubscriptionTopic Topic { get; private set; }

    /// <summary>Filter: only this patient's events.</summary>
    public Guid? PatientFilter { get; private set; }

    /// <summary>Filter on alerts: only those of this zone now (FHIR severity high = red, moderate = yellow).</summary>
    public Triage.TriageOutcome? ZoneFilter { get; private set; }

    /// <summary>Filter on observations: only this LOINC code.</summary>
    public string? CodeFilter { get; private set; }

    public string Endpoint { get; private set; }

    /// <summary>The FHIR base the subscriber used: the notifications' references point under it.</summary>
    public string ServerBase { get; private set; }

    /// <summary>One HTTP header sent with every notification (<c>Name: value</c>), e.g. the subscriber's own bearer token. Never shown back.</summary>
    public string? Header { get; private set; }

    public SubscriptionContent Content { get; private set; }

    /// <summary>Seconds between heartbeats when nothing else was sent; none when not asked for.</summary>
    public int? HeartbeatSeconds { get; private set; }

    public int TimeoutSeconds { get; private set; }

    public string Reason { get; private set; }

    /// <summary>When it ends by itself (Subscription.end).</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    public SubscriptionStatus Status { get; private set; }

    public long EventsSinceStart { get; private set; }

    /// <summary>The events up to this time are matched (the matcher looks back from it for late commits).</summary>
    public DateTimeOffset MatchedThrough { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a notification last reached the endpoint; heartbeats count from it.</summary>
    public DateTimeOffset? LastDeliveredAt { get; private set; }

    /// <summary>Why the last notification failed or why it is off (a status, never personal data).</summary>
    public string? LastError { get; private set; }

    public int Version { get; private set; }

    public Caller Owner => new(OwnerId, OwnerRole, OwnerOrganisationId);

    /// <summary>Whether events are still matched for it.</summary>
    public bool Listens => Status != SubscriptionStatus.Off;

    /// <summary>A subscription as asked for: checked, made in <see cref="SubscriptionStatus.Requested"/>, with its handshake to send.</summary>
    public static Validated<FhirSubscription> Request(Guid id, Caller owner, SubscriptionRequest asked, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (!Uri.TryCreate(asked.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http") || asked.Endpoint.Length > MaxEndpointLength)
            errors.Add(new("channel.endpoint", $"The endpoint is an absolute https URL of at most {MaxEndpointLength} characters."));
        else if (endpoint.Scheme == "http" && !asked.AllowHttp)
            errors.Add(new("channel.endpoint", "The endpoint must use https: notifications carry health data."));
        if (asked.Header is { } header && (header.Length > MaxHeaderLength || header.IndexOf(':', StringComparison.Ordinal) <= 0 || header.Contains('\n', StringComparison.Ordinal) || header.Contains('\r', StringComparison.Ordinal)))
            errors.Add(new("channel.header", $"A header is one 'Name: value' line of at most {MaxHeaderLength} characters."));
        if (asked.HeartbeatSeconds is { } beat && (beat < MinHeartbeat.TotalSeconds || beat > MaxHeartbeat.TotalSeconds))
            errors.Add(new("channel.heartbeatPeriod", $"The heartbeat period is between {MinHeartbeat.TotalSeconds} and {MaxHeartbeat.TotalSeconds} seconds."));
        if (asked.TimeoutSeconds is < 1)
            errors.Add(new("channel.timeout", "The timeout is at least one second."));
        if (asked.EndsAt is { } end && end <= now)
            errors.Add(new("end", "The end is in the past."));
        if ((asked.Reason ?? "").Length > MaxReasonLength)
            errors.Add(new("reason", $"The reason is at most {MaxReasonLength} characters."));
        if (asked.Topic != SubscriptionTopic.DetectedIssue && asked.ZoneFilter is not null)
            errors.Add(new("criteria", "Only alerts (DetectedIssue) are filtered by severity."));
        if (asked.Topic != SubscriptionTopic.Observation && asked.CodeFilter is not null)
            errors.Add(new("criteria", "Only observations are filtered by code."));
        if (errors.Count > 0)
            return Validated<FhirSubscription>.Fail(errors);
        var at = now.ToUniversalTime();
        return Validated<FhirSubscription>.Ok(new FhirSubscription
        {
            Id = id,
            OwnerId = owner.ActorId,
            OwnerRole = owner.Role,
            OwnerOrganisationId = owner.OrganisationId,
            Topic = asked.Topic,
            PatientFilter = asked.PatientFilter,
            ZoneFilter = asked.ZoneFilter,
            CodeFilter = asked.CodeFilter,
            Endpoint = asked.Endpoint,
            ServerBase = asked.ServerBase.TrimEnd('/'),
            Header = asked.Header,
            Content = asked.Content,
            HeartbeatSeconds = asked.HeartbeatSeconds,
            TimeoutSeconds = (int)Math.Min(asked.TimeoutSeconds ?? MaxTimeout.TotalSeconds, MaxTimeout.TotalSeconds),
            Reason = asked.Reason ?? "",
            EndsAt = asked.EndsAt?.ToUniversalTime(),
            Status = SubscriptionStatus.Requested,
            MatchedThrough = at,
            CreatedAt = at,
        });
    }

    /// <summary>The first notification: tells the endpoint the subscription exists; until it arrives, nothing else is sent.</summary>
    public SubscriptionNotification Handshake(Guid id, DateTimeOffset now) =>
        SubscriptionNotification.Make(id, this, NotificationKind.Handshake, "handshake", null, null, null, now);

    /// <summary>An event for this subscription: numbered next; <paramref name="cause"/> keeps the same event from being told twice.</summary>
    public SubscriptionNotification Event(Guid id, string cause, string focusType, Guid focusId, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        EventsSinceStart++;
        return SubscriptionNotification.Make(id, this, NotificationKind.EventNotification, cause, EventsSinceStart, (focusType, focusId), occurredAt, now);
    }

    /// <summary>A heartbeat, when one is due: active, asked for, and nothing reached the endpoint for the period.</summary>
    public SubscriptionNotification? HeartbeatIfDue(Guid id, DateTimeOffset now) =>
        Status == SubscriptionStatus.Active && HeartbeatSeconds is { } beat && (LastDeliveredAt ?? CreatedAt) + TimeSpan.FromSeconds(beat) <= now
            ? SubscriptionNotification.Make(id, this, NotificationKind.Heartbeat, $"heartbeat:{now.ToUniversalTime().UtcTicks}", null, null, null, now)
            : null;

    public void MatchedUpTo(DateTimeOffset time)
    {
        if (time > MatchedThrough)
            MatchedThrough = time.ToUniversalTime();
        Version++;
    }

    /// <summary>A notification reached the endpoint: the subscription is active (again).</summary>
    public void Delivered(DateTimeOffset at)
    {
        if (Status == SubscriptionStatus.Off)
            return;
        Status = SubscriptionStatus.Active;
        LastDeliveredAt = at.ToUniversalTime();
        LastError = null;
        Version++;
    }

    /// <summary>
    /// A notification was given up: a handshake that never arrived turns the subscription off; an event puts it in
    /// error (later events are still tried).
    /// </summary>
    public void GaveUp(NotificationKind kind, string why)
    {
        if (Status == SubscriptionStatus.Off)
            return;
        Status = kind == NotificationKind.Handshake ? SubscriptionStatus.Off : SubscriptionStatus.Error;
        LastError = Trim(kind == NotificationKind.Handshake ? $"The handshake never reached the endpoint: {why}" : why);
        Version++;
    }

    /// <summary>A try failed but will be retried: noted, the standing unchanged.</summary>
    public void Failed(string why)
    {
        LastError = Trim(why);
        Version++;
    }

    /// <summary>Ended by its owner or by its end time; nothing more is sent.</summary>
    public void TurnOff(string why)
    {
        if (Status == SubscriptionStatus.Off)
            return;
        Status = SubscriptionStatus.Off;
        LastError = Trim(why);
        Version++;
    }

    public bool IsPastEnd(DateTimeOffset now) => EndsAt is { } end && end <= now;

    internal static string? Trim(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;
}

/// <summary>A subscription as the subscriber asked for it, before it is checked.</summary>
public sealed record SubscriptionRequest(
    SubscriptionTopic Topic,
    string Endpoint,
    string ServerBase,
    SubscriptionContent Content,
    Guid? PatientFilter = null,
    Triage.TriageOutcome? ZoneFilter = null,
    string? CodeFilter = null,
    string? Header = null,
    int? HeartbeatSeconds = null,
    int? TimeoutSeconds = null,
    DateTimeOffset? EndsAt = null,
    string? Reason = null,
    bool AllowHttp = false);
