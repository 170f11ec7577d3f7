namespace Varde.Domain.Triage;

/// <summary>Stable ids of the triage rules. Bump a rule's version whenever its behaviour changes.</summary>
public static class TriageRuleIds
{
    public const string Threshold = "threshold";
    public const string Plausibility = "plausibility";
    public const string NoThresholds = "no-thresholds";

    public const int ThresholdVersion = 1;
    public const int PlausibilityVersion = 1;
    public const int NoThresholdsVersion = 1;
}
