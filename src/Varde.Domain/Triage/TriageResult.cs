namespace Varde.Domain.Triage;

/// <summary>
/// A triage decision with everything needed to see why: the rule and its version, the plan version whose
/// thresholds were used, the input values, and a plain explanation in Norwegian bokmål and English.
/// </summary>
public sealed record TriageResult(
    TriageOutcome Outcome,
    string RuleId,
    int RuleVersion,
    Guid? PlanVersionId,
    int? PlanVersionNumber,
    IReadOnlyList<TriageInput> Inputs,
    string ExplanationNb,
    string ExplanationEn);
