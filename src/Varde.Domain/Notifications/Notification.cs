namespace Varde.Domain.Notifications;

/// <summary>
/// One thing Varde has to tell someone outside the app: the patient that something is due or that the service has
/// written, a lead that a red waits. Made in the same transaction as its cause, sent by the notification job when
/// <see cref="NextAttemptAt"/> comes, through the first channel that reaches the person (Web Push, else SMS), and
/// retried with backoff (<see cref="RetryDelays"/>) until delivered or given up. Each try is kept as a
/// <see cref="NotificationAttempt"/>. Its text is fixed per purpose (<see cref="NotificationText"/>) and carries no
/// health data. One per <see cref="Key"/>: the same cause never notifies twice.
/// </summary>
public sealed class Notification
{
    public const int MaxKeyLength = 200;
    public const int MaxErrorLength = 200;

    /// <summary>The waits after the first, second, … failed try; after the last the notification is given up.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    public static int MaxAttempts => RetryDelays.Count + 1;

    private Notification()
    {
        Key = "";
    }

    public Guid Id { get; private set; }

    public NotificationPurpose Purpose { get; private set; }

    public RecipientKind RecipientKind { get; private set; }

    /// <summary>The patient or staff member to reach.</summary>
    public Guid RecipientId { get; private set; }

    /// <summary>The patient the notification is about (the recipient, for a patient's own).</summary>
    public Guid PatientId { get; private set; }

    /// <summary>The cause, once: "due:{patient}:{item}:{day}:{round}", "message:{id}", "red:{alert}:{staff}", "plan:{version}".</summary>
    public string Key { get; private set; }

    /// <summary>What caused it (the message, the alert), for the check at sending whether it is still needed.</summary>
    public Guid? CauseId { get; private set; }

    /// <summary>For a reminder: the schedule item's key and the time the occasion opened and its deadline.</summary>
    public string? ItemKey { get; private set; }

    public DateTimeOffset? SlotOpens { get; private set; }

    public DateTimeOffset? SlotDeadline { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public NotificationState State { get; private set; }

    /// <summary>The channel that delivered it.</summary>
    public NotificationChannel? DeliveredBy { get; private set; }

    /// <summary>When it was delivered, given up, or found not needed.</summary>
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>Why the last try failed or why it was not sent (a status, never personal data).</summary>
    public string? LastError { get; private set; }

    public bool IsWaiting => State == NotificationState.Waiting;

    /// <summary>A notification to a patient about their own follow-up.</summary>
    public static Notification ToPatient(Guid id, NotificationPurpose purpose, Guid patientId, string key, Guid? causeId, DateTimeOffset sendAt,
        DateTimeOffset now) => new()
    {
        Id = id, Purpose = purpose, RecipientKind = RecipientKind.Patient, RecipientId = patientId, PatientId = patientId, Key = key,
        CauseId = causeId, CreatedAt = now.ToUniversalTime(), NextAttemptAt = sendAt.ToUniversalTime(), State = NotificationState.Waiting,
    };

    /// <summary>A reminder that a schedule item is due: not needed any more once a report of its kind arrives or its deadline passes.</summary>
    public static Notification Reminder(Guid id, Guid patientId, DueReminder due, DateTimeOffset now)
    {
        var reminder = ToPatient(id, NotificationPurpose.ReportDue, patientId, due.KeyFor(patientId), null, due.At > now ? due.At : now, now);
        reminder.ItemKey = due.Slot.Item.Key;
        reminder.SlotOpens = due.Slot.Opens.ToUniversalTime();
        reminder.SlotDeadline = due.Slot.Deadline.ToUniversalTime();
        return reminder;
    }

    /// <summary>A notification to a staff member about a patient (the text names neither the patient nor what is wrong).</summary>
    public static Notification ToStaff(Guid id, NotificationPurpose purpose, Guid staffId, Guid patientId, string key, Guid? causeId,
        DateTimeOffset now) => new()
    {
        Id = id, Purpose = purpose, RecipientKind = RecipientKind.Staff, RecipientId = staffId, PatientId = patientId, Key = key,
        CauseId = causeId, CreatedAt = now.ToUniversalTime(), NextAttemptAt = now.ToUniversalTime(), State = NotificationState.Waiting,
    };

    /// <summary>
    /// Whether it waits through quiet hours: everything but a red waiting for acknowledgement, whose timing the
    /// service's opening hours have already decided.
    /// </summary>
    public bool KeepsQuietHours => Purpose != NotificationPurpose.RedWaiting;

    /// <summary>Waits until <paramref name="until"/> without counting a try (quiet hours).</summary>
    public void Defer(DateTimeOffset until)
    {
        if (IsWaiting && until > NextAttemptAt)
            NextAttemptAt = until.ToUniversalTime();
    }

    /// <summary>One try: delivered, or failed and retried after the next delay, or given up after the last.</summary>
    public NotificationAttempt Tried(Guid attemptId, NotificationChannel? channel, string? error, DateTimeOffset at)
    {
        if (!IsWaiting)
            throw new InvalidOperationException("A settled notification is not tried again.");
        Attempts++;
        var attempt = new NotificationAttempt(attemptId, Id, Attempts, channel, error is null, Trim(error), at.ToUniversalTime());
        if (error is null)
        {
            State = NotificationState.Delivered;
            DeliveredBy = channel;
            SettledAt = at.ToUniversalTime();
            LastError = null;
        }
        else if (Attempts >= MaxAttempts)
        {
            State = NotificationState.GaveUp;
            SettledAt = at.ToUniversalTime();
            LastError = attempt.Error;
        }
        else
        {
            NextAttemptAt = at.ToUniversalTime() + RetryDelays[Attempts - 1];
            LastError = attempt.Error;
        }

        return attempt;
    }

    /// <summary>The cause is gone (the report arrived, the message was read, the alert acknowledged): nothing is sent.</summary>
    public void NotNeeded(string why, DateTimeOffset at)
    {
        if (!IsWaiting)
            return;
        State = NotificationState.NotNeeded;
        SettledAt = at.ToUniversalTime();
        LastError = Trim(why);
    }

    private static string? Trim(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;
}

public enum NotificationPurpose
{
    /// <summary>A measurement or questionnaire is due and not done.</summary>
    ReportDue,

    /// <summary>The service has written to the patient.</summary>
    NewMessage,

    /// <summary>A red alert has waited unacknowledged past the service's limit (to the lead).</summary>
    RedWaiting,

    /// <summary>A plan version waits for the GP's approval (to the GP).</summary>
    PlanAwaitsApproval,

    /// <summary>The service has handed a patient's message on to the GP (to the GP).</summary>
    MessageHandedOn,

    /// <summary>A booked video call with the service can be joined now (to the patient).</summary>
    VideoCallSoon,

    /// <summary>The service's user survey asked the patient a week ago and is not answered yet (to the patient, once per invitation).</summary>
    SurveyReminder,
}

public enum RecipientKind
{
    Patient,
    Staff,
}

public enum NotificationState
{
    Waiting,
    Delivered,
    GaveUp,
    NotNeeded,
}

public enum NotificationChannel
{
    WebPush,
    Sms,
}
