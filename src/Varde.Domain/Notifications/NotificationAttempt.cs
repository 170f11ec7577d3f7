namespace Varde.Domain.Notifications;

/// <summary>
/// One try at delivering a notification, kept for good (append-only): which try, through which channel (none when no
/// channel reached the person), delivered or why not (a status such as "push 503" or "no channel", never personal data).
/// </summary>
public sealed record NotificationAttempt(
    Guid Id,
    Guid NotificationId,
    int Number,
    NotificationChannel? Channel,
    bool Delivered,
    string? Error,
    DateTimeOffset At);
