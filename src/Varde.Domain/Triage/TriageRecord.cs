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

    public static TriageRecord For(TriageReport report, Guid patientId, TriageResult result, DateTimeOffset now)
    {
        var record = new TriageRecord
        {
            ReportId = report.Id,
            PatientId = patientId,
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

    public void JoinedAlert(Guid? alertId) => AlertId = alertId;

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
