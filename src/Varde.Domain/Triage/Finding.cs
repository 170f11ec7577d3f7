namespace Varde.Domain.Triage;

/// <summary>What one rule found about one report; the triage result is made from the worst findings.</summary>
internal sealed record Finding(TriageOutcome Zone, string RuleId, int RuleVersion, IReadOnlyList<TriageInput> Inputs, string Nb, string En);
