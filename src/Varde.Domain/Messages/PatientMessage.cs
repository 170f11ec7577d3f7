namespace Varde.Domain.Messages;

/// <summary>
/// One message between a patient (or a relative acting for them) and the patient's follow-up service — the service,
/// not one nurse, so nothing waits for someone on leave. Stored once and never changed: being read and being handled are
/// their own records (<see cref="MessageReceipt"/>, <see cref="MessageHandling"/>). Idempotent by the sender's client id.
/// The text is personal (health) data: never log it.
/// </summary>
public sealed class PatientMessage
{
    public const int MaxTextLength = 2000;
    public const int MaxClientIdLength = 100;

    private PatientMessage()
    {
        Text = "";
        ClientId = "";
        AuthorId = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>The follow-up service the message is with (the patient's when it was written).</summary>
    public Guid ServiceId { get; private set; }

    public MessageDirection Direction { get; private set; }

    public string Text { get; private set; }

    /// <summary>Who wrote it: the patient's id, a relative's id, or a staff member's id.</summary>
    public string AuthorId { get; private set; }

    /// <summary>For a message a relative wrote: how it is marked ("datter Kari"); null when the patient or the service wrote it.</summary>
    public string? OnBehalfLabel { get; private set; }

    /// <summary>The sender's own id for the message: the same message sent again is stored once.</summary>
    public string ClientId { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>A photo sent with the message (<see cref="MessagePhoto"/>), if any.</summary>
    public Guid? PhotoId { get; private set; }

    /// <summary>Whether a resend (same client id) is this message: same direction, text and photo.</summary>
    public bool SameAs(PatientMessage other) => Direction == other.Direction && Text == other.Text && PhotoId == other.PhotoId;

    /// <summary>Checks a message before it is stored: text of at most 2000 characters (it may be empty when a photo says it), a client id.</summary>
    public static Validated<PatientMessage> Write(Guid id, Guid patientId, Guid serviceId, MessageDirection direction, string? text, string? clientId,
        string authorId, string? onBehalfLabel, DateTimeOffset at, Guid? photoId = null)
    {
        var errors = new List<ValidationError>();
        var trimmed = text?.Trim() ?? "";
        if ((trimmed.Length == 0 && photoId is null) || trimmed.Length > MaxTextLength)
            errors.Add(new("text", $"Write a message of 1–{MaxTextLength} characters."));
        var client = clientId?.Trim() ?? "";
        if (client.Length is 0 or > MaxClientIdLength)
            errors.Add(new("clientId", $"Give the message a client id of 1–{MaxClientIdLength} characters, so a resend is stored once."));
        if (errors.Count > 0)
            return Validated<PatientMessage>.Fail(errors);
        return Validated<PatientMessage>.Ok(new PatientMessage
        {
            Id = id, PatientId = patientId, ServiceId = serviceId, Direction = direction, Text = trimmed, ClientId = client, AuthorId = authorId,
            OnBehalfLabel = onBehalfLabel, SentAt = at.ToUniversalTime(), PhotoId = photoId,
        });
    }
}

public enum MessageDirection
{
    /// <summary>From the patient (or a relative) to the service: a report to be seen, on the worklist until handled.</summary>
    FromPatient,

    /// <summary>From the service to the patient.</summary>
    FromService,
}

/// <summary>That a message was read by the other side: the service (any of its staff) or the patient's side. Written once.</summary>
public sealed record MessageReceipt(Guid MessageId, string ReadBy, DateTimeOffset ReadAt);

/// <summary>
/// That a message from the patient has been dealt with: answered (a reply was sent), seen with no reply needed, or
/// handed on to the patient's GP (<paramref name="HandedOnTo"/>, her staff id), whose question it then is. Until then
/// it is on the service's worklist. Written once.
/// </summary>
public sealed record MessageHandling(Guid MessageId, MessageHandlingKind Kind, string HandledBy, DateTimeOffset HandledAt, Guid? HandedOnTo = null);

public enum MessageHandlingKind
{
    Answered,
    NoReplyNeeded,

    /// <summary>Handed on to the patient's GP: a question for the doctor, not the service (the GP is told).</summary>
    HandedOn,
}
