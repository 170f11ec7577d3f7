namespace Varde.Domain.Triage;

/// <summary>
/// The current triage result of one report (a measurement or a questionnaire response). Unlike the report it can
/// change: when an earlier reading arrives late, the reports after it are judged again and their records updated
/// (<see cref="Revision"/> counts how often). A green or unjudged report not in an alert waits here until a nurse
/// marks it reviewed, so every report is seen by health personnel.
/// </summary>
public sealed class TriageRecord
{
    private TriageRecord()
    {
        ClientId = "";
        Subject = "";
        RuleId = "";
        ExplanationNb = "";
        ExplanationEn = "";
        Inputs = [];
    }

    /// <summary>The report's id (measurement or questionnaire response).</summary>
    public Guid ReportId { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>
    /// The follow-up service whose nurses see the report: the patient's when it came in. A transfer moves the reports
    /// still waiting to be reviewed to the new service (ADR 0056); the others keep the service that saw them.
    /// </summary>
    public Guid ServiceId { get; private set; }

    public string ClientId { get; private set; }

    /// <summary>"measurement:BodyWeight", "questionnaire:cat".</summary>
    public string Subject { get; private set; }

    public DateTimeOffset EffectiveAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public TriageOutcome Outcome { get; private set; }

    public TriageOutcome? BaseOutcome { get; private set; }

    public string RuleId { get; private set; }

    public int RuleVersion { get; private set; }

    public Guid? PlanVersionId { get; private set; }

    public int? PlanVersionNumber { get; private set; }

    public IReadOnlyList<TriageInput> Inputs { get; private set; }

    public string ExplanationNb { get; private set; }

    public string ExplanationEn { get; private set; }

    public bool Late { get; private set; }

    public bool UncertainTime { get; private set; }

    public TriageResult Result => new(Outcome, RuleId, RuleVersion, PlanVersionId, PlanVersionNumber, Inputs, ExplanationNb, ExplanationEn, BaseOutcome, Late, UncertainTime);

    public DateTimeOffset EvaluatedAt { get; private set; }

    public int Revision { get; private set; }

    /// <summary>The alert this report belongs to, if its result raised or joined one.</summary>
    public Guid? AlertId { get; private set; }

    public DateTimeOffset? ReviewedAt { get; private set; }

    public string? ReviewedBy { get; private set; }

    /// <summary>
    /// A stored record read for what triage needs from a report before the ones being judged: its result without the
    /// inputs and the English explanation. It is never changed or saved (<see cref="Reevaluated"/> refuses it).
    /// </summary>
    public bool IsSummary { get; private set; }

    /// <summary>A stored record as <see cref="IsSummary"/> describes, from its columns.</summary>
    public static TriageRecord Summary(Guid reportId, Guid patientId, string clientId, string subject, DateTimeOffset effectiveAt,
        DateTimeOffset receivedAt, TriageOutcome outcome, TriageOutcome? baseOutcome, string ruleId, int ruleVersion, Guid? planVersionId,
        int? planVersionNumber, string explanationNb, bool late, bool uncertainTime, Guid? alertId) => new()
    {
        ReportId = reportId,
        PatientId = patientId,
        ClientId = clientId,
        Subject = subject,
        EffectiveAt = effectiveAt,
        ReceivedAt = receivedAt,
        Outcome = outcome,
        BaseOutcome = baseOutcome,
        RuleId = ruleId,
        RuleVersion = ruleVersion,
        PlanVersionId = planVersionId,
        PlanVersionNumber = planVersionNumber,
        ExplanationNb = explanationNb,
        ExplanationEn = "",
        Inputs = [],
        Late = late,
        UncertainTime = uncertainTime,
        AlertId = alertId,
        IsSummary = true,
    };

    public static TriageRecord For(TriageReport report, Guid patientId, Guid serviceId, TriageResult result, DateTimeOffset now)
    {
        var record = new TriageRecord
        {
            ReportId = report.Id,
            PatientId = patientId,
            ServiceId = serviceId,
            ClientId = report.ClientId,
            Subject = report.Subject,
            EffectiveAt = report.EffectiveAt,
            ReceivedAt = report.ReceivedAt,
            EvaluatedAt = now,
        };
        record.Set(result);
        return record;
    }

    /// <summary>Whether a new evaluation says something different (the zone, rule, plan version or explanation).</summary>
    public bool Differs(TriageResult result) =>
        result.Outcome != Outcome || result.RuleId != RuleId || result.RuleVersion != RuleVersion
        || result.PlanVersionId != PlanVersionId || result.Late != Late || result.UncertainTime != UncertainTime || result.BaseOutcome != BaseOutcome
        || result.ExplanationNb != ExplanationNb;

    public void Reevaluated(TriageResult result, DateTimeOffset now)
    {
        if (IsSummary)
            throw new InvalidOperationException("A summary record is read for the reports after it, never judged again; read the whole record to change it.");
        Set(result);
        EvaluatedAt = now;
        Revision++;
    }

    private void Set(TriageResult r)
    {
        Outcome = r.Outcome;
        BaseOutcome = r.BaseOutcome;
        RuleId = r.RuleId;
        RuleVersion = r.RuleVersion;
        PlanVersionId = r.PlanVersionId;
        PlanVersionNumber = r.PlanVersionNumber;
        Inputs = r.Inputs;
        ExplanationNb = r.ExplanationNb;
        ExplanationEn = r.ExplanationEn;
        Late = r.Late;
        UncertainTime = r.UncertainTime;
    }

    public void JoinedAlert(Guid? alertId) => AlertId = IsSummary
        ? throw new InvalidOperationException("A summary record is never routed into an alert.")
        : alertId;

    /// <summary>Marks a report without an alert as seen by a nurse. Returns false when it was already reviewed.</summary>
    public bool MarkReviewed(string actorId, DateTimeOffset at)
    {
        if (ReviewedAt is not null)
            return false;
        ReviewedAt = at;
        ReviewedBy = actorId;
        return true;
    }
}
