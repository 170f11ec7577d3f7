using Varde.Domain.Plans;

namespace Varde.Domain.Alerts;

/// <summary>
/// A scheduled report that had not arrived by its deadline: one per patient, schedule item and local day, so the
/// missing-data job can run any number of times and raise each slot once. A report that arrives later for the slot
/// marks it fulfilled.
/// </summary>
public sealed class MissedReport
{
    private MissedReport()
    {
        ItemKey = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public string ItemKey { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset Opens { get; private set; }

    public DateTimeOffset DueBy { get; private set; }

    public DateTimeOffset Deadline { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public Guid? AlertId { get; private set; }

    public DateTimeOffset? FulfilledAt { get; private set; }

    public static MissedReport Raise(Guid id, Guid patientId, DueSlot slot, DateTimeOffset now) => new()
    {
        Id = id,
        PatientId = patientId,
        ItemKey = slot.Item.Key,
        Day = slot.Day,
        Opens = slot.Opens,
        DueBy = slot.DueBy,
        Deadline = slot.Deadline,
        RaisedAt = now,
    };

    public void JoinedAlert(Guid alertId) => AlertId = alertId;

    public bool IsFulfilledBy(string subject, DateTimeOffset effectiveAt) => subject == ItemKey && effectiveAt >= Opens && effectiveAt <= Deadline;

    public void Fulfil(DateTimeOffset now) => FulfilledAt ??= now;
}
