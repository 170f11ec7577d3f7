using Varde.Domain.Triage;

namespace Varde.Domain.Alerts;

/// <summary>
/// Work for a nurse about one patient, in one follow-up service: open → acknowledged (by whom, when) → handled
/// (action, note, by whom, when). Reports of the same kind group into one open alert (count, latest value) instead of
/// adding one each, and a red report makes it red: no alert storms. Every change bumps <see cref="Version"/>, which
/// the store uses to let one of two simultaneous nurses win. The zone, count, latest time and reason are kept on the
/// alert as reports join, so a new report joins without the others being read; judging a member again or taking one
/// out needs them all (ADR 0021).
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

    /// <summary>The reports in it. Only when all of them were read with the alert; otherwise this throws rather than give part.</summary>
    public IReadOnlyList<AlertMember> Members => HasAllMembers
        ? _members
        : throw new InvalidOperationException($"Alert {Id} holds {ReportCount} reports, of which {_members.Count} were read.");

    /// <summary>Whether every report in it was read with the alert (a new alert holds them all).</summary>
    public bool HasAllMembers => _members.Count == ReportCount;

    public int ReportCount { get; private set; }

    public DateTimeOffset LatestEffectiveAt { get; private set; }

    /// <summary>The report measured last (by effective time, then report id): the one whose inputs the worklist shows.</summary>
    public Guid LatestReportId { get; private set; }

    /// <summary>When the earliest report in it was measured (a missed report: its deadline).</summary>
    public DateTimeOffset EarliestEffectiveAt { get; private set; }

    /// <summary>The effective time and client id of the report that gives the reason, to tell whether a new one takes over.</summary>
    public DateTimeOffset ReasonEffectiveAt { get; private set; }

    public string ReasonClientId { get; private set; } = "";

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

    /// <summary>The staff member the escalation was for (an actor id), when the service names one.</summary>
    public string? EscalatedTo { get; private set; }

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
        first.AlertId = id;
        alert._members.Add(first);
        alert.Recompute(now);
        return alert;
    }

    /// <summary>
    /// Adds a report that is not in it yet, from what the alert keeps, without its other reports. Returns true when the
    /// alert became red by it.
    /// </summary>
    public bool Add(AlertMember member, DateTimeOffset now)
    {
        if (_members.Any(m => m.ReportId == member.ReportId))
            return Rejudged(member, now);
        var wasRed = Zone == TriageOutcome.Red;
        member.AlertId = Id;
        _members.Add(member);
        ReportCount++;
        var weight = member.Weight;
        if (weight > Zone || (weight == Zone && AlertMember.IsAfter(member.EffectiveAt, member.ClientId, ReasonEffectiveAt, ReasonClientId)))
            ReasonFrom(member);
        if (weight > Zone)
        {
            Zone = weight;
            if (weight == TriageOutcome.Red)
                RedSince = now;
        }

        if (member.EffectiveAt > LatestEffectiveAt || (member.EffectiveAt == LatestEffectiveAt && member.ReportId.CompareTo(LatestReportId) > 0))
        {
            LatestEffectiveAt = member.EffectiveAt;
            LatestReportId = member.ReportId;
        }

        if (member.EffectiveAt < EarliestEffectiveAt)
            EarliestEffectiveAt = member.EffectiveAt;
        Late = Late && member.Late;
        Touch(now);
        return !wasRed && Zone == TriageOutcome.Red;
    }

    /// <summary>A report in it was judged again: its entry takes the new zone and reason. Needs all the alert's reports. Returns true when the alert became red by it.</summary>
    public bool Rejudged(AlertMember judgedAgain, DateTimeOffset now)
    {
        var wasRed = Zone == TriageOutcome.Red;
        var entry = Members.FirstOrDefault(m => m.ReportId == judgedAgain.ReportId)
                    ?? throw new InvalidOperationException($"Report {judgedAgain.ReportId} is not in alert {Id}.");
        entry.Became(judgedAgain);
        Recompute(now);
        return !wasRed && Zone == TriageOutcome.Red;
    }

    /// <summary>Takes out a report whose new result no longer belongs here; an alert left empty is resolved. Needs all the alert's reports.</summary>
    public void Remove(Guid reportId, string reason, DateTimeOffset now)
    {
        if (!HasAllMembers)
            throw new InvalidOperationException($"Alert {Id}: a report can only be taken out when all {ReportCount} were read.");
        if (_members.RemoveAll(m => m.ReportId == reportId) == 0)
            return;
        ReportCount = _members.Count;
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

    /// <summary>Marks a red that waited too long, and whom the service's settings say to tell (none: its coordinators).</summary>
    public void Escalate(DateTimeOffset now, string? to = null)
    {
        EscalatedAt = now;
        EscalatedTo = to;
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
        var latest = _members.Aggregate((a, b) => b.EffectiveAt > a.EffectiveAt || (b.EffectiveAt == a.EffectiveAt && b.ReportId.CompareTo(a.ReportId) > 0) ? b : a);
        LatestEffectiveAt = latest.EffectiveAt;
        LatestReportId = latest.ReportId;
        EarliestEffectiveAt = _members.Min(m => m.EffectiveAt);
        ReasonFrom(_members.Where(m => m.Weight == zone)
            .Aggregate((a, b) => AlertMember.IsAfter(b.EffectiveAt, b.ClientId, a.EffectiveAt, a.ClientId) ? b : a));
        Late = _members.All(m => m.Late);
        Touch(now);
    }

    private void ReasonFrom(AlertMember member)
    {
        ReasonNb = member.ReasonNb;
        ReasonEn = member.ReasonEn;
        ReasonEffectiveAt = member.EffectiveAt;
        ReasonClientId = member.ClientId;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
