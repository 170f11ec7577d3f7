using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;

namespace Varde.Domain.Triage;

/// <summary>
/// One report from a patient as triage sees it: a measurement (its canonical values) or a questionnaire response (its
/// answers and score), with when it was measured or answered (effective) and when Varde received it.
/// <see cref="Confirmed"/>: the patient said the value is right when asked ("Er dette riktig?"). <see cref="DeviceTime"/>:
/// the time the sender gave when Varde could not trust it (<see cref="ReportTime"/>); the report is then judged at
/// <see cref="EffectiveAt"/>, the time Varde received it. <see cref="QuestionnaireVersion"/>: the version of the questionnaire
/// answered (null: its current version), whose wording the explanation uses.
/// </summary>
public sealed record TriageReport(
    Guid Id,
    string ClientId,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    MeasurementType? Measurement,
    IReadOnlyList<decimal> Values,
    string? QuestionnaireId = null,
    IReadOnlyList<QuestionnaireAnswer>? Answers = null,
    decimal? Score = null,
    bool Confirmed = false,
    DateTimeOffset? DeviceTime = null,
    string? QuestionnaireVersion = null)
{
    /// <summary>What kind of report this is, the same key a schedule item uses: "measurement:BodyWeight", "questionnaire:cat".</summary>
    public string Subject => Measurement is { } m ? SubjectOf(m) : SubjectOf(QuestionnaireId);

    public static string SubjectOf(MeasurementType type) => $"measurement:{type}";

    public static string SubjectOf(string? questionnaireId) => $"questionnaire:{questionnaireId}";

    public static TriageReport Of(Measurement m) =>
        OfReading(m.Id, m.ClientId, m.EffectiveAt, m.ReceivedAt, m.Type, m.Value, m.SecondValue, m.PatientConfirmed, m.DeviceTime);

    /// <summary>A stored reading as triage reads it, from its columns alone (intake reads history without the rest of the row).</summary>
    public static TriageReport OfReading(Guid id, string clientId, DateTimeOffset effectiveAt, DateTimeOffset receivedAt, MeasurementType type,
        decimal value, decimal? secondValue, bool confirmed, DateTimeOffset? deviceTime) =>
        new(id, clientId, effectiveAt, receivedAt, type, secondValue is { } second ? [value, second] : [value], Confirmed: confirmed, DeviceTime: deviceTime);

    public string? AnswerCode(string linkId) => Answers?.FirstOrDefault(a => a.LinkId == linkId)?.Code;

    /// <summary>Whether the answer to an item is, or includes (multiple choice), this code.</summary>
    public bool HasAnswer(string linkId, string code) => Answers?.FirstOrDefault(a => a.LinkId == linkId)?.HasCode(code) == true;

    /// <summary>
    /// The order triage reads a patient's reports in: by effective time, ties broken by the client's id, so the order
    /// never depends on when reports arrived or on ids Varde made.
    /// </summary>
    public static int CompareByEffectiveTime(TriageReport a, TriageReport b)
    {
        var byTime = a.EffectiveAt.CompareTo(b.EffectiveAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.ClientId, b.ClientId);
    }
}

/// <summary>An earlier report with the result it got.</summary>
public sealed record TriagedReport(TriageReport Report, TriageResult Result);
