namespace Varde.Domain.Journal;

/// <summary>Where a journal note is on its way to the patient's record.</summary>
public enum JournalDeliveryState
{
    /// <summary>No delivery boundary is configured: the note is read from Varde (FHIR, PDF).</summary>
    NotSent,

    /// <summary>Waiting for its next try.</summary>
    Waiting,
    Delivered,
    GaveUp,
}

/// <summary>
/// A journal note for the EHR, so no one writes the follow-up into the record by hand: made when a nurse has handled an
/// alert, a summary of the period before it — the readings and their zones, the alert, what was done, the plan version
/// in force. Written once as a FHIR document (<see cref="Document"/>: a <c>document</c> Bundle with its Composition)
/// and never changed; the PDF is rendered from the same content. When a delivery boundary is configured it is sent
/// there, and tried again after <see cref="RetryDelays"/> until delivered or given up. One per alert.
/// </summary>
public sealed class JournalNote
{
    public const int MaxStatusLength = 200;

    /// <summary>The waits after the first, second, … failed delivery; after the last it is given up (the note stays readable).</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays = Exports.OutboundRetries.Delays;

    private JournalNote()
    {
        AuthorId = "";
        Document = "";
        Pdf = [];
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The handled alert the note is about.</summary>
    public Guid AlertId { get; private set; }

    /// <summary>The plan version in force when the alert was handled.</summary>
    public Guid? PlanVersionId { get; private set; }

    /// <summary>The nurse who handled the alert (the note's author).</summary>
    public string AuthorId { get; private set; }

    public DateTimeOffset PeriodStart { get; private set; }

    public DateTimeOffset PeriodEnd { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The FHIR document Bundle (JSON), as made: Composition first, then Patient, the alert and the readings.</summary>
    public string Document { get; private set; }

    /// <summary>The printable PDF of the same content, as made.</summary>
    public byte[] Pdf { get; private set; }

    public JournalDeliveryState Delivery { get; private set; }

    public DateTimeOffset? NextTryAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>The last try's answer ("202", "unreachable", "file written"), never personal data.</summary>
    public string? LastStatus { get; private set; }

    public static JournalNote Made(Guid id, Guid patientId, Guid serviceId, Guid alertId, Guid? planVersionId, string authorId,
        DateTimeOffset periodStart, DateTimeOffset periodEnd, string document, byte[] pdf, bool deliver, DateTimeOffset now) => new()
    {
        Id = id,
        PatientId = patientId,
        ServiceId = serviceId,
        AlertId = alertId,
        PlanVersionId = planVersionId,
        AuthorId = authorId,
        PeriodStart = periodStart.ToUniversalTime(),
        PeriodEnd = periodEnd.ToUniversalTime(),
        CreatedAt = now.ToUniversalTime(),
        Document = document,
        Pdf = pdf,
        Delivery = deliver ? JournalDeliveryState.Waiting : JournalDeliveryState.NotSent,
        NextTryAt = deliver ? now.ToUniversalTime() : null,
    };

    /// <summary>One delivery try: delivered, or tried again after the next delay, or given up after the last.</summary>
    public void Tried(bool delivered, string status, DateTimeOffset at)
    {
        if (Delivery != JournalDeliveryState.Waiting)
            throw new InvalidOperationException("Only a waiting note is delivered.");
        Attempts++;
        LastStatus = status.Length > MaxStatusLength ? status[..MaxStatusLength] : status;
        if (delivered)
        {
            Delivery = JournalDeliveryState.Delivered;
            DeliveredAt = at.ToUniversalTime();
            NextTryAt = null;
        }
        else
        {
            NextTryAt = Exports.OutboundRetries.NextTry(Attempts, at);
            if (NextTryAt is null)
                Delivery = JournalDeliveryState.GaveUp;
        }
    }
}
