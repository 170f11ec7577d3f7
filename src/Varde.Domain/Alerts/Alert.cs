using Varde.Domain.Triage;

namespace Varde.Domain.Alerts;

/// <summary>
/// Work for a nurse about one patient, in one follow-up service: open → acknowledged (by whom, when) → handled
/// (action, note, by whom, when). Reports of the same kind group into one open alert (count, latest value) instead of
/// adding one each, and a red report makes it red: no alert storms. Every change bumps <see cref="Version"/>, which
/// the store uses to let one of two simultaneous nurses win.
/// </summary>
public sealed class Alert
{
    private readonly List<AlertMember> _members = [];

    private Alert()
    {
        Subject = "";
        ReasonNb = "";
        ReasonEn = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public Guid ServiceId { get; private set; }

    public AlertCategory Category { get; private set; }

    /// <summary>What it is about: "measurement:BodyWeight", "questionnaire:cat".</summary>
    public string Subject { get; private set; }

    /// <summary>Yellow or red for clinical and missing-report alerts; SuspectedMeasurementError for check-measurement alerts.</summary>
    public TriageOutcome Zone { get; private set; }

    public AlertState State { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>When the alert became red (the escalation clock starts here), if it is red.</summary>
    public DateTimeOffset? RedSince { get; private set; }

    public IReadOnlyList<AlertMember> Members => _members;

    public int ReportCount { get; private set; }

    public DateTimeOffset LatestEffectiveAt { get; private set; }

    /// <summary>The reason of the latest report at the alert's zone.</summary>
    public string ReasonNb { get; private set; }

    public string ReasonEn { get; private set; }

    /// <summary>Every report in it arrived late.</summary>
    public bool Late { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public string? HandledBy { get; private set; }

    public DateTimeOffset? HandledAt { get; private set; }

    public AlertAction? Action { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedReason { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    public int Version { get; private set; }

    public bool IsActive => State is AlertState.Open or AlertState.Acknowledged;

    public static Alert Open(Guid id, Guid patientId, Guid serviceId, AlertCategory category, string subject, AlertMember first, DateTimeOffset now)
    {
        var alert = new Alert
        {
            Id = id,
            PatientId = patientId,
            ServiceId = serviceId,
            Category = category,
            Subject = subject,
            State = AlertState.Open,
            OpenedAt = now,
        };
        alert._members.Add(first);
        alert.Recompute(now);
        return alert;
    }

    /// <summary>Adds a report (or replaces its earlier entry). Returns true when the alert became red by it.</summary>
    public bool Add(AlertMember member, DateTimeOffset now)
    {
        var wasRed = Zone == TriageOutcome.Red;
        _members.RemoveAll(m => m.ReportId == member.ReportId);
        _members.Add(member);
        Recompute(now);
        return !wasRed && Zone == TriageOutcome.Red;
    }

    /// <summary>Takes out a report whose new result no longer belongs here; an alert left empty is resolved.</summary>
    public void Remove(Guid reportId, string reason, DateTimeOffset now)
    {
        if (_members.RemoveAll(m => m.ReportId == reportId) == 0)
            return;
        if (_members.Count == 0)
        {
            Resolve(reason, now);
            return;
        }

        Recompute(now);
    }

    public string? Acknowledge(string actorId, DateTimeOffset now)
    {
        if (State != AlertState.Open)
            return Refusal("acknowledged");
        State = AlertState.Acknowledged;
        AcknowledgedBy = actorId;
        AcknowledgedAt = now;
        Touch(now);
        return null;
    }

    /// <summary>Records what was done. Handling an open alert acknowledges it too. Returns why not, or null.</summary>
    public string? Handle(AlertAction action, string? note, string actorId, DateTimeOffset now)
    {
        if (!IsActive)
            return Refusal("handled");
        if (note is { Length: > 4000 })
            return "A note is at most 4000 characters.";
        if (State == AlertState.Open)
        {
            AcknowledgedBy = actorId;
            AcknowledgedAt = now;
        }

        State = AlertState.Handled;
        Action = action;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        HandledBy = actorId;
        HandledAt = now;
        Touch(now);
        return null;
    }

    public void Resolve(string reason, DateTimeOffset now)
    {
        if (!IsActive)
            return;
        State = AlertState.Resolved;
        ResolvedAt = now;
        ResolvedReason = reason;
        Touch(now);
    }

    public void Escalate(DateTimeOffset now)
    {
        EscalatedAt = now;
        Touch(now);
    }

    private string Refusal(string verb) => State switch
    {
        AlertState.Acknowledged => $"The alert was already acknowledged by {AcknowledgedBy} at {AcknowledgedAt:O}.",
        AlertState.Handled => $"The alert was already handled by {HandledBy} at {HandledAt:O}.",
        AlertState.Resolved => $"The alert was resolved at {ResolvedAt:O}: {ResolvedReason}",
        AlertState.Open => $"The alert cannot be {verb}.",
    };

    private void Recompute(DateTimeOffset now)
    {
        var zone = _members.Max(m => m.Weight);
        if (zone == TriageOutcome.Red && Zone != TriageOutcome.Red)
            RedSince = now;
        else if (zone != TriageOutcome.Red)
            RedSince = null;
        Zone = zone;
        ReportCount = _members.Count;
        LatestEffectiveAt = _members.Max(m => m.EffectiveAt);
        var reason = _members.Where(m => m.Weight == zone).MaxBy(m => (m.EffectiveAt, m.ClientId))!;
        ReasonNb = reason.ReasonNb;
        ReasonEn = reason.ReasonEn;
        Late = _members.All(m => m.Late);
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
