namespace Varde.Domain.Pathways;

/// <summary>How far the goals agreed for the follow-up were reached at an evaluation.</summary>
public enum GoalAttainment
{
    Met,
    PartlyMet,
    NotMet,
}

/// <summary>How the patient's own management of the illness (mestring) has changed since the start or the last evaluation.</summary>
public enum SelfManagementChange
{
    Better,
    Same,
    Worse,
}

/// <summary>
/// The nurse's structured evaluation of an active follow-up (issue 21 item 4): the goals, self-management, whether the
/// patient feels safer at home, and whether they measure and report without help. Counted in the statistics; the note
/// beside it is free text and is not.
/// </summary>
public sealed record EvaluationAssessment(GoalAttainment Goals, SelfManagementChange SelfManagement, bool FeelsSafer, bool ReportsWithoutHelp)
{
    /// <summary>An assessment whose choices are all known values (JSON can carry numbers no enum has).</summary>
    public bool IsComplete => Enum.IsDefined(Goals) && Enum.IsDefined(SelfManagement);
}
