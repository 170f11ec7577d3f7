namespace Varde.Domain.Surveys;

/// <summary>Who answers a survey: the patient, or a relative the patient has let take part.</summary>
public enum Respondent
{
    Patient,
    Relative,
}
