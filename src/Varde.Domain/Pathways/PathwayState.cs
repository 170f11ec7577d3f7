namespace Varde.Domain.Pathways;

/// <summary>Where a patient is in the service pathway (tjenesteforløp), from referral to the end of follow-up.</summary>
public enum PathwayState
{
    /// <summary>Referral received (from GP, hospital, home care or the patient).</summary>
    Referred,

    /// <summary>Being assessed against the inclusion checklist.</summary>
    Assessment,

    /// <summary>Accepted with a start date; written information sent; start-up not done yet.</summary>
    Accepted,

    /// <summary>Declined with a reason. Terminal.</summary>
    Declined,

    /// <summary>2–4 weeks of daily measurements and questions without thresholds, to learn the patient's usual values.</summary>
    TrialPeriod,

    /// <summary>Followed with a GP-approved plan; evaluated at scheduled dates.</summary>
    Active,

    /// <summary>Follow-up ended, with a reason. Terminal.</summary>
    Ended,
}

/// <summary>Why follow-up ended (what the registry counts).</summary>
public enum EndReason
{
    NoLongerBenefits,
    TooIll,
    Moved,
    Died,
    DeclinedFurther,
    Other,
}

/// <summary>The steps of the pathway, for deciding who may take them.</summary>
public enum PathwayStep
{
    Refer,
    StartAssessment,
    Decide,
    StartUp,
    StartTrial,
    Activate,
    Evaluate,
    End,
}

/// <summary>Which patients a follow-up service follows at home: one definition for every count and screen.</summary>
public static class FollowedPatients
{
    /// <summary>
    /// A patient is followed when the newest pathway is in its trial period or active (measuring at home, the nurses'
    /// work), or when there is no pathway at all (enrolled directly, before or without a referral). Referred, assessed,
    /// accepted (not started), declined and ended patients are not.
    /// </summary>
    public static bool IsFollowed(PathwayState? newestPathway) => newestPathway is null or PathwayState.TrialPeriod or PathwayState.Active;
}
