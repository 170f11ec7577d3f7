namespace Varde.Domain.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertCategory
{
    /// <summary>Yellow or red reports of one measurement type or questionnaire.</summary>
    Clinical,

    /// <summary>Suspected measurement errors: the patient is asked to measure again.</summary>
    CheckMeasurement,

    /// <summary>A scheduled report did not arrive by its deadline.</summary>
    MissingReport,
}

/// <summary>Where an alert is in its handling: open → acknowledged → handled, or resolved by Varde itself.</summary>
public enum AlertState
{
    Open,
    Acknowledged,
    Handled,

    /// <summary>Closed by Varde without a nurse: a re-measure settled a suspected error, a missing report arrived, or re-evaluation left no yellow or red report in it.</summary>
    Resolved,
}

/// <summary>What the nurse did about an alert.</summary>
public enum AlertAction
{
    ContactedPatient,
    AdvisedPerPlan,
    AskedToRemeasure,
    MeasurementError,
    ContactedGp,
    ContactedSpecialist,
    SentToEmergencyCare,
    NoActionNeeded,
}
