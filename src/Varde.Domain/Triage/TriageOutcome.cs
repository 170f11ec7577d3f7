namespace Varde.Domain.Triage;

/// <summary>What triage concluded about one report.</summary>
public enum TriageOutcome
{
    /// <summary>Within the patient's limits.</summary>
    Green,

    /// <summary>Beginning deterioration (gul sone).</summary>
    Yellow,

    /// <summary>Acute deterioration (rød sone).</summary>
    Red,

    /// <summary>Not a clinical value: outside the plausible range, so probably a measurement error; measure again.</summary>
    SuspectedMeasurementError,

    /// <summary>The plan has no thresholds for this measurement (for example in the trial period): a nurse assesses it.</summary>
    NoThresholds,
}
