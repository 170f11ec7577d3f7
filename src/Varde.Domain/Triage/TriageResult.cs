namespace Varde.Domain.Triage;

/// <summary>
/// A triage decision with everything needed to see why: the rule and its version, the plan version whose
/// thresholds were used, the input values, and a plain explanation in Norwegian bokmål and English.
/// <see cref="BaseOutcome"/> is what the report's own thresholds or answers said before trend rules (a run of yellows
/// counts those); <see cref="Late"/> marks a report that arrived long after it was measured; <see cref="UncertainTime"/> one
/// whose time Varde could not trust, judged as measured when it was received (<see cref="ReportTime"/>).
/// </summary>
public sealed record TriageResult(
    TriageOutcome Outcome,
    string RuleId,
    int RuleVersion,
    Guid? PlanVersionId,
    int? PlanVersionNumber,
    IReadOnlyList<TriageInput> Inputs,
    string ExplanationNb,
    string ExplanationEn,
    TriageOutcome? BaseOutcome = null,
    bool Late = false,
    bool UncertainTime = false)
{
    /// <summary>The placeholder a measurement is shaped with before its history is read and it is judged for real.</summary>
    public static TriageResult NotYetJudged { get; } = new(TriageOutcome.NoThresholds, "", 0, null, null, [], "", "");

    public TriageOutcome Base => BaseOutcome ?? Outcome;

    public bool IsZone => Outcome is TriageOutcome.Green or TriageOutcome.Yellow or TriageOutcome.Red;
}
