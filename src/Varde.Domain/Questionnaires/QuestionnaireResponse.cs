using Varde.Domain.Triage;

namespace Varde.Domain.Questionnaires;

/// <summary>
/// A patient's answers to one questionnaire, append-only like a measurement: checked against the questionnaire,
/// scored, and idempotent by the client's id. Its triage result lives in its <see cref="TriageRecord"/>.
/// </summary>
public sealed class QuestionnaireResponse
{
    private QuestionnaireResponse()
    {
        ClientId = "";
        QuestionnaireId = "";
        QuestionnaireVersion = "";
        RecordedBy = "";
        Answers = [];
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public string ClientId { get; private set; }

    public string QuestionnaireId { get; private set; }

    /// <summary>The version of the questionnaire answered: a newer version never changes how these answers read.</summary>
    public string QuestionnaireVersion { get; private set; }

    public IReadOnlyList<QuestionnaireAnswer> Answers { get; private set; }

    public decimal? Score { get; private set; }

    /// <summary>When it was answered: the time the sender gave, or when Varde received it if that time was not trusted.</summary>
    public DateTimeOffset EffectiveAt { get; private set; }

    /// <summary>The time the sender gave when Varde could not trust it (<see cref="Triage.ReportTime"/>); null when it was trusted.</summary>
    public DateTimeOffset? DeviceTime { get; private set; }

    /// <summary>The time as the sender gave it, trusted or not.</summary>
    public DateTimeOffset TimeAsSent => DeviceTime ?? EffectiveAt;

    public DateTimeOffset ReceivedAt { get; private set; }

    public string RecordedBy { get; private set; }

    public TriageReport AsReport() =>
        new(Id, ClientId, EffectiveAt, ReceivedAt, null, [], QuestionnaireId, Answers, Score, DeviceTime: DeviceTime, QuestionnaireVersion: QuestionnaireVersion);

    public bool IsSameResponseAs(QuestionnaireResponse other) =>
        QuestionnaireId == other.QuestionnaireId && TimeAsSent == other.TimeAsSent
        && Answers.Count == other.Answers.Count
        && Answers.OrderBy(a => a.LinkId, StringComparer.Ordinal).Zip(other.Answers.OrderBy(a => a.LinkId, StringComparer.Ordinal)).All(p => p.First.SameAs(p.Second));

    /// <summary>
    /// Checks answers to a questionnaire of <paramref name="questionnaires"/>: the version given (null: the current one),
    /// which the response then keeps. A retired questionnaire is still answered (plans that have it keep working).
    /// </summary>
    public static Validated<QuestionnaireResponse> Record(Guid id, Guid patientId, string? clientId, string? questionnaireId,
        IReadOnlyList<QuestionnaireAnswer>? answers, DateTimeOffset? effectiveAt, string recordedBy, DateTimeOffset receivedAt,
        QuestionnaireCatalogue questionnaires, DateTimeOffset? notBefore = null, string? questionnaireVersion = null)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Trim().Length > Measurements.Measurement.ClientIdMaxLength)
            errors.Add(new("clientId", $"A client id of 1–{Measurements.Measurement.ClientIdMaxLength} characters is required; it makes resending safe."));
        var q = questionnaires.Find(questionnaireId, string.IsNullOrWhiteSpace(questionnaireVersion) ? null : questionnaireVersion.Trim());
        if (q is null && questionnaires.Find(questionnaireId) is not null)
            errors.Add(new("questionnaireVersion", $"Questionnaire '{questionnaireId}' has no version '{questionnaireVersion}' in use."));
        else if (q is null)
            errors.Add(new("questionnaire", $"Unknown questionnaire '{questionnaireId}'; known: {string.Join(", ", questionnaires.All.Select(x => x.Id))}."));
        // A time that cannot be trusted (a reset device clock) is not an error: see Triage.ReportTime.
        if (effectiveAt is null)
            errors.Add(new("effectiveAt", "When the questions were answered is required."));
        if (answers is null || answers.Count == 0)
            errors.Add(new("answers", "At least one answer is required."));
        else if (q is not null)
            errors.AddRange(QuestionnaireScoring.Check(q, answers));
        if (errors.Count > 0)
            return Validated<QuestionnaireResponse>.Fail(errors);

        var received = Measurements.Measurement.ToStoredPrecision(receivedAt);
        var (effective, deviceTime) = ReportTime.Trust(Measurements.Measurement.ToStoredPrecision(effectiveAt!.Value), received,
            notBefore ?? receivedAt - TimeSpan.FromDays(ReportTime.DefaultMaxAgeDays));
        return Validated<QuestionnaireResponse>.Ok(new QuestionnaireResponse
        {
            Id = id,
            PatientId = patientId,
            ClientId = clientId!.Trim(),
            QuestionnaireId = q!.Id,
            QuestionnaireVersion = q.Version,
            Answers = answers!.Select(a => a.Text is null ? a : a with { Text = a.Text.Trim() }).ToList(),
            Score = QuestionnaireScoring.Score(q, answers!),
            EffectiveAt = effective,
            DeviceTime = deviceTime,
            ReceivedAt = received,
            RecordedBy = recordedBy,
        });
    }
}
