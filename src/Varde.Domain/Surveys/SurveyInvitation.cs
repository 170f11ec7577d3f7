namespace Varde.Domain.Surveys;

/// <summary>
/// One respondent asked to answer one round of a service's survey: who (a patient, or a relative and the patient they
/// act for), which questionnaire version and round, and whether it has been answered. It holds no answers and no time
/// of answering: the answers are kept apart without a link back (<see cref="SurveyAnswer"/>). Open until the round's
/// last day.
/// </summary>
public sealed class SurveyInvitation
{
    private SurveyInvitation()
    {
        QuestionnaireId = "";
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public string QuestionnaireId { get; private set; }

    public DateOnly RoundStart { get; private set; }

    public int RoundMonths { get; private set; }

    public Respondent Respondent { get; private set; }

    /// <summary>The patient: the respondent, or the one the relative acts for.</summary>
    public Guid PatientId { get; private set; }

    /// <summary>The relative who is asked; null when the patient is.</summary>
    public Guid? RelativeId { get; private set; }

    /// <summary>Who is asked: the patient's id or the relative's (one invitation each a round, unique in the database).</summary>
    public Guid RespondentId { get; private set; }

    public DateTimeOffset InvitedAt { get; private set; }

    public bool Answered { get; private set; }

    public SurveyRound Round => new(RoundStart, RoundMonths);

    public bool IsOpenOn(DateOnly today) => !Answered && today <= Round.End;

    public static SurveyInvitation ForPatient(Guid id, SurveyProgramme programme, SurveyRound round, Guid patientId, DateTimeOffset at) =>
        new()
        {
            Id = id, ServiceId = programme.ServiceId, QuestionnaireId = programme.QuestionnaireId, RoundStart = round.Start, RoundMonths = round.Months,
            Respondent = Respondent.Patient, PatientId = patientId, RespondentId = patientId, InvitedAt = at,
        };

    public static SurveyInvitation ForRelative(Guid id, SurveyProgramme programme, SurveyRound round, Guid patientId, Guid relativeId, DateTimeOffset at) =>
        new()
        {
            Id = id, ServiceId = programme.ServiceId, QuestionnaireId = programme.QuestionnaireId, RoundStart = round.Start, RoundMonths = round.Months,
            Respondent = Respondent.Relative, PatientId = patientId, RelativeId = relativeId, RespondentId = relativeId, InvitedAt = at,
        };
}
