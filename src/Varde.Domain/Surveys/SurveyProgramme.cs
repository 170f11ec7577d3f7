using Varde.Domain.Questionnaires;

namespace Varde.Domain.Surveys;

/// <summary>
/// A follow-up service's user survey: which questionnaire, how often (one round of 3, 4 or 6 months), and whether
/// patients, relatives or both are asked. Patients followed for at least <see cref="FollowedDaysBeforeAsked"/> days are
/// asked once a round in the patient app (lent tablets too); relatives with a consent in force, once a round as well.
/// Set by the service's leader or coordinator; stopped by setting it off. The questionnaire may not ask for free text:
/// a free text can name the one who wrote it, and answers are kept without a link to anyone.
/// </summary>
public sealed class SurveyProgramme
{
    public const int FollowedDaysBeforeAsked = 28;

    /// <summary>Nobody is asked in a round's last days: too little time to answer.</summary>
    public const int LastDaysNotAsked = 14;

    private SurveyProgramme()
    {
        QuestionnaireId = "";
        ChangedBy = "";
    }

    /// <summary>The follow-up service (one programme each).</summary>
    public Guid ServiceId { get; private set; }

    public string QuestionnaireId { get; private set; }

    public int RoundMonths { get; private set; }

    public bool AskPatients { get; private set; }

    public bool AskRelatives { get; private set; }

    /// <summary>Off: nobody new is asked; invitations already open stay open until their round ends.</summary>
    public bool IsOn { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public string ChangedBy { get; private set; }

    /// <summary>Checks a setting against the installation's questionnaires and makes it (or the new state of <paramref name="existing"/>).</summary>
    public static Validated<SurveyProgramme> Set(SurveyProgramme? existing, Guid serviceId, bool on, string? questionnaireId, int? roundMonths,
        bool askPatients, bool askRelatives, QuestionnaireCatalogue questionnaires, string by, DateTimeOffset at)
    {
        var errors = new List<ValidationError>();
        var questionnaire = questionnaires.Find(questionnaireId);
        if (questionnaire is null)
            errors.Add(new("questionnaire", $"Choose one of the installation's questionnaires; '{questionnaireId}' is not one."));
        else if (questionnaire.AsksForFreeText)
            errors.Add(new("questionnaire", "A survey cannot ask for free text: a free text can name the one who wrote it, and survey answers are kept without a link to anyone."));
        if (roundMonths is not { } months || !SurveyRound.Lengths.Contains(months))
            errors.Add(new("roundMonths", "Ask once every 3, 4 or 6 months."));
        if (!askPatients && !askRelatives)
            errors.Add(new("askPatients", "Ask patients, relatives or both."));
        if (errors.Count > 0)
            return Validated<SurveyProgramme>.Fail(errors);
        var programme = existing ?? new SurveyProgramme { ServiceId = serviceId };
        programme.QuestionnaireId = questionnaire!.Id;
        programme.RoundMonths = roundMonths!.Value;
        programme.AskPatients = askPatients;
        programme.AskRelatives = askRelatives;
        programme.IsOn = on;
        programme.ChangedAt = at;
        programme.ChangedBy = by;
        return Validated<SurveyProgramme>.Ok(programme);
    }
}
