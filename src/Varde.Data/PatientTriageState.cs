namespace Varde.Data;

/// <summary>
/// A patient's rolling triage state as stored (ADR 0018): the reports triage can still read for a later report
/// (<see cref="Domain.Triage.TriageState"/>), written in the same transaction as the reports it follows. A cache of what
/// is stored: deleting the row is always safe (the next report is judged from the look-back window and the state is
/// built again); anything that changes stored reports or their results outside intake must delete it.
/// </summary>
public sealed class PatientTriageState
{
    public Guid PatientId { get; set; }

    /// <summary>Counts the writes; two writers that read the same version cannot both write the next.</summary>
    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The kept reports and what they were kept for, as compact JSON.</summary>
    public string State { get; set; } = "";
}
