using Varde.Domain.Patients;
using Varde.Domain.Questionnaires;
using Varde.Domain.Statistics;

namespace Varde.Domain.Surveys;

/// <summary>
/// One set of answers to a survey round, kept without a link to who gave it: no patient, relative or invitation id and
/// no time, only what the figures break down by (service, municipality, the patient's age group and legal sex, patient
/// or relative) and the round. Its id is random. Figures from these are shown only for groups of at least
/// <see cref="SurveyFigures.Threshold"/> answers (<see cref="SurveyFigures"/>).
/// </summary>
public sealed class SurveyAnswer
{
    private SurveyAnswer()
    {
        QuestionnaireId = "";
        QuestionnaireVersion = "";
        Answers = [];
    }

    public Guid Id { get; private set; }

    public string QuestionnaireId { get; private set; }

    public string QuestionnaireVersion { get; private set; }

    public DateOnly RoundStart { get; private set; }

    public int RoundMonths { get; private set; }

    public Guid ServiceId { get; private set; }

    public Guid MunicipalityId { get; private set; }

    /// <summary>The patient's age group on the round's first day; for a relative's answers, the patient's too.</summary>
    public string AgeGroup { get; private set; } = "";

    public LegalSex LegalSex { get; private set; }

    public Respondent Respondent { get; private set; }

    public IReadOnlyList<QuestionnaireAnswer> Answers { get; private set; }

    /// <summary>
    /// Checks answers to an open invitation against the questionnaire's version in use and makes the anonymous answer
    /// (the caller marks the invitation answered in the same transaction). <paramref name="patient"/> is the patient
    /// the invitation is about, for the groups.
    /// </summary>
    public static Validated<SurveyAnswer> Give(Guid id, SurveyInvitation invitation, Patient patient, QuestionnaireDefinition questionnaire,
        IReadOnlyList<QuestionnaireAnswer>? answers, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (!invitation.IsOpenOn(today))
            errors.Add(new("invitation", invitation.Answered ? "This survey has been answered." : $"This survey round ended on {invitation.Round.End:yyyy-MM-dd}."));
        if (answers is null || answers.Count == 0)
            errors.Add(new("answers", "At least one answer is required."));
        else
        {
            if (answers.Any(a => a.Text is not null))
                errors.Add(new("answers", "A survey takes no free text."));
            errors.AddRange(QuestionnaireScoring.Check(questionnaire, answers));
        }

        if (errors.Count > 0)
            return Validated<SurveyAnswer>.Fail(errors);
        return Validated<SurveyAnswer>.Ok(new SurveyAnswer
        {
            Id = id,
            QuestionnaireId = questionnaire.Id,
            QuestionnaireVersion = questionnaire.Version,
            RoundStart = invitation.RoundStart,
            RoundMonths = invitation.RoundMonths,
            ServiceId = invitation.ServiceId,
            MunicipalityId = patient.MunicipalityId,
            AgeGroup = AgeGroups.Of(patient.AgeOn(invitation.RoundStart)),
            LegalSex = patient.LegalSex,
            Respondent = invitation.Respondent,
            // (A stray field, such as "codes" beside a single choice, was refused by the check: it would count twice.)
            Answers = [.. answers!],
        });
    }
}
