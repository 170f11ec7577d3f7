using Hl7.Fhir.Model;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Server.Features.Questionnaires;
using DomainResponse = Varde.Domain.Questionnaires.QuestionnaireResponse;
using FhirResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// QuestionnaireResponse ↔ Varde's answers: the questionnaire by canonical URL (with a version: that version, which the
/// answers then keep; without: the current one), among the installation's questionnaires, one answer per
/// item (valueCoding, several for multiple choice; valueInteger; valueDecimal; valueString), authored as the answer
/// time, the identifier as the idempotency key. Stored answers go out with the score and the triage as extensions.
/// </summary>
public static class QuestionnaireResponseMapping
{
    public const string TriageExtension = "https://varde.no/fhir/StructureDefinition/triage";
    public const string ScoreExtension = "https://varde.no/fhir/StructureDefinition/score";

    public sealed record Incoming(RecordQuestionnaireResponse.Request? Request, ResourceReference? Subject, string? Problem);

    public static Incoming FromFhir(FhirResponse r, QuestionnaireCatalogue questionnaires)
    {
        if (r.Status is not (FhirResponse.QuestionnaireResponseStatus.Completed or FhirResponse.QuestionnaireResponseStatus.Amended))
            return Fail("Only completed (or amended) QuestionnaireResponses are stored.");
        if (Find(r.Questionnaire, questionnaires) is not { } q)
            return Fail($"Questionnaire '{r.Questionnaire}' is not one Varde has in use (or not that version); see GET /fhir/Questionnaire.");
        if (r.Subject is null)
            return Fail("QuestionnaireResponse.subject is required.");
        if (FhirSubjects.IsAbsolute(r.Subject))
            return Fail($"QuestionnaireResponse.subject '{r.Subject.Reference}' is an absolute URL, a patient on another server: use Patient/{{id}} of this server.");
        if (r.AuthoredElement?.TryToDateTimeOffset(out var authored) != true || r.AuthoredElement.Value!.Length <= 10)
            return Fail("QuestionnaireResponse.authored (with a time of day and zone) is required.");
        if (r.Item.Any(i => i.Item.Count > 0 || i.Answer.Any(a => a.Item.Count > 0)))
            return Fail("Nested items are not supported; Varde's questionnaires are flat.");

        var answers = new List<QuestionnaireAnswer>();
        foreach (var item in r.Item.Where(i => i.Answer.Count > 0))
        {
            if (string.IsNullOrEmpty(item.LinkId))
                return Fail("Every item needs a linkId.");
            var values = item.Answer.Select(a => a.Value).ToList();
            var answer = values switch
            {
                _ when q.Item(item.LinkId)?.Type == QuestionnaireItemType.MultipleChoice && values.All(v => v is Coding) =>
                    new QuestionnaireAnswer(item.LinkId, Codes: values.Cast<Coding>().Select(c => c.Code ?? "").ToList()),
                [Coding coding] => new QuestionnaireAnswer(item.LinkId, Code: coding.Code),
                [Integer integer] => new QuestionnaireAnswer(item.LinkId, Number: integer.Value),
                [FhirDecimal dec] => new QuestionnaireAnswer(item.LinkId, Number: dec.Value),
                [FhirString text] => new QuestionnaireAnswer(item.LinkId, Text: text.Value),
                _ => null,
            };
            if (answer is null)
                return Fail($"Item '{item.LinkId}' has answers of a kind Varde does not take (valueCoding, valueInteger, valueDecimal or valueString; several only for multiple choice).");
            answers.Add(answer);
        }

        return new(new RecordQuestionnaireResponse.Request(ObservationMapping.ClientId(r.Identifier), q.Id, answers, authored, q.Version), r.Subject, null);
    }

    public static FhirResponse ToFhir(DomainResponse r, TriageResult? triage, QuestionnaireCatalogue questionnaires)
    {
        var q = questionnaires.Find(r.QuestionnaireId, r.QuestionnaireVersion) ?? questionnaires.Find(r.QuestionnaireId)
            ?? throw new InvalidOperationException($"The answered questionnaire {r.QuestionnaireId} is not stored.");
        var response = new FhirResponse
        {
            Id = r.Id.ToString(),
            Meta = new Meta { LastUpdated = r.ReceivedAt, VersionId = "1" },
            Identifier = ObservationMapping.Identifier(r.ClientId),
            Questionnaire = $"{q.Url}|{q.Version}",
            Status = FhirResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{r.PatientId}"),
            AuthoredElement = new FhirDateTime(r.EffectiveAt),
        };
        foreach (var a in r.Answers)
        {
            var item = new FhirResponse.ItemComponent { LinkId = a.LinkId, Text = q.Item(a.LinkId)?.TextNb };
            IEnumerable<DataType> values = a switch
            {
                { Codes: { Count: > 0 } codes } => codes.Select(c => (DataType)new Coding(FhirQuestionnaires.AnswerSystem(q), c)),
                { Code: { } code } => [new Coding(FhirQuestionnaires.AnswerSystem(q), code)],
                { Number: { } n } when q.Item(a.LinkId)?.Type == QuestionnaireItemType.WholeNumber => [new Integer((int)n)],
                { Number: { } n } => [new FhirDecimal(n)],
                { Text: { } text } => [new FhirString(text)],
                _ => [],
            };
            item.Answer.AddRange(values.Select(v => new FhirResponse.AnswerComponent { Value = v }));
            response.Item.Add(item);
        }

        if (r.Score is { } score)
            response.Extension.Add(new Extension(ScoreExtension, new FhirDecimal(score)));
        if (triage is not null)
            response.Extension.Add(new Extension(TriageExtension, ObservationCodes.Interpretation(triage.Outcome, triage.ExplanationNb, triage.ExplanationEn)));
        return response;
    }

    /// <summary>The questionnaire a canonical reference names: "url|version" that version, "url" or "Questionnaire/{id}" the current one.</summary>
    public static QuestionnaireDefinition? Find(string? canonical, QuestionnaireCatalogue questionnaires)
    {
        if (string.IsNullOrWhiteSpace(canonical))
            return null;
        var parts = canonical.Split('|', 2);
        var current = questionnaires.All.FirstOrDefault(q => q.Url == parts[0] || parts[0] == $"Questionnaire/{q.Id}");
        return parts.Length == 2 ? questionnaires.Find(current?.Id, parts[1]) : current;
    }

    private static Incoming Fail(string problem) => new(null, null, problem);
}
