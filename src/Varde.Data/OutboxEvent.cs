namespace Varde.Data;

/// <summary>
/// Something that happened, written in the same transaction as the change (alert opened, updated, escalated,
/// acknowledged, handled, resolved; reports reviewed). Each node's dispatcher reads them in time order from its own
/// watermark and publishes them to its live screens, so nothing is announced that was not stored and nothing stored goes
/// unannounced. Written once, never updated.
/// </summary>
public sealed class OutboxEvent
{
    public Guid Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>"alert.opened", "alert.updated", "alert.escalated", …</summary>
    public string Type { get; set; } = "";

    public Guid ServiceId { get; set; }

    public Guid? PatientId { get; set; }

    public Guid? AlertId { get; set; }

    /// <summary>Small JSON without personal data: ids, zone, state, counts.</summary>
    public string Payload { get; set; } = "{}";
}
