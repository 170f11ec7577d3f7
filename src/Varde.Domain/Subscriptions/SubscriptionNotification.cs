namespace Varde.Domain.Subscriptions;

/// <summary>What a notification is (backport notification types; a query-status answer is not stored).</summary>
public enum NotificationKind
{
    Handshake,
    Heartbeat,
    EventNotification,
}

/// <summary>
/// One notification to a subscription's endpoint: the handshake, a heartbeat, or an event with its number and focus
/// (the alert or measurement). Made by the matcher from the outbox (never by the intake), sent in order per
/// subscription by the delivery job; a failed POST is tried again after each of <see cref="RetryDelays"/>, then given
/// up. One per subscription and <see cref="Cause"/>.
/// </summary>
public sealed class SubscriptionNotification
{
    public const int MaxCauseLength = 100;

    /// <summary>The waits after the first, second, … failed try; after the last the notification is given up.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    public static int MaxAttempts => RetryDelays.Count + 1;

    private SubscriptionNotification()
    {
        Cause = "";
    }

    public Guid Id { get; private set; }

    public Guid SubscriptionId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>What made it, once per subscription: "handshake", "heartbeat:{ticks}", "alert:{outbox event}", "measurement:{id}".</summary>
    public string Cause { get; private set; }

    /// <summary>The event's number in the subscription (events-since-subscription-start when it was made).</summary>
    public long? EventNumber { get; private set; }

    /// <summary>The subscription's event count when it was made (for handshakes and heartbeats the count so far).</summary>
    public long EventsSoFar { get; private set; }

    public string? FocusType { get; private set; }

    public Guid? FocusId { get; private set; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset? OccurredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it is tried next; none once delivered or given up.</summary>
    public DateTimeOffset? NextTryAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public bool GivenUp { get; private set; }

    /// <summary>The last try's answer: "200", "503", "timeout", "refused" (never a body).</summary>
    public string? LastStatus { get; private set; }

    public bool IsWaiting => DeliveredAt is null && !GivenUp;

    internal static SubscriptionNotification Make(Guid id, FhirSubscription subscription, NotificationKind kind, string cause, long? number,
        (string Type, Guid Id)? focus, DateTimeOffset? occurredAt, DateTimeOffset now) => new()
    {
        Id = id,
        SubscriptionId = subscription.Id,
        Kind = kind,
        Cause = cause.Length > MaxCauseLength ? cause[..MaxCauseLength] : cause,
        EventNumber = number,
        EventsSoFar = subscription.EventsSinceStart,
        FocusType = focus?.Type,
        FocusId = focus?.Id,
        OccurredAt = occurredAt?.ToUniversalTime(),
        CreatedAt = now.ToUniversalTime(),
        NextTryAt = now.ToUniversalTime(),
    };

    /// <summary>One try: delivered, or retried after the next delay, or given up after the last; answers whether it was given up now.</summary>
    public bool Tried(bool delivered, string status, DateTimeOffset at)
    {
        if (!IsWaiting)
            throw new InvalidOperationException("A settled notification is not tried again.");
        Attempts++;
        LastStatus = FhirSubscription.Trim(status);
        if (delivered)
        {
            DeliveredAt = at.ToUniversalTime();
            NextTryAt = null;
            return false;
        }

        if (Attempts >= MaxAttempts)
        {
            GivenUp = true;
            NextTryAt = null;
            return true;
        }

        NextTryAt = at.ToUniversalTime() + RetryDelays[Attempts - 1];
        return false;
    }

    /// <summary>The subscription ended: what waits is not sent.</summary>
    public void Drop(string why)
    {
        if (!IsWaiting)
            return;
        GivenUp = true;
        NextTryAt = null;
        LastStatus = FhirSubscription.Trim(why);
    }
}
