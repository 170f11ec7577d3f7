using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Varde.Domain;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Fhir;
using FhirItem = Hl7.Fhir.Model.Questionnaire.ItemComponent;
using FhirItemType = Hl7.Fhir.Model.Questionnaire.QuestionnaireItemType;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// Reads a FHIR R4 Questionnaire (JSON, with Firely's strict parser) into the questionnaire Varde shows and judges
/// (ADR 0025), or says field by field why it cannot. Varde takes what it can show on a cheap tablet and judge with its
/// rules: flat items of type <b>choice</b> (radio buttons; <c>repeats</c>: check boxes) with <c>answerOption.valueCoding</c>
/// (a score from the <c>ordinalValue</c> or <c>itemWeight</c> extension), <b>integer</b> and <b>decimal</b> (with the
/// <c>minValue</c>/<c>maxValue</c> extensions), <b>string</b> and <b>text</b> (free text), <c>required</c>, one
/// <c>enableWhen</c> with operator "=" on a coded answer of an earlier choice item, and a <b>display</b> child as the
/// item's help. Texts are bokmål, with English from the FHIR <c>translation</c> extension. Everything else in an item
/// (groups, open-choice, boolean, dates, attachments, value sets, other answer types) is refused, naming the item's linkId.
/// The id is Varde's name for the questionnaire in plans and schedules; url and version name the version.
/// </summary>
public static class FhirQuestionnaireImport
{
    public const string ItemWeightExtension = "http://hl7.org/fhir/StructureDefinition/itemWeight";

    private static readonly string Supported = "choice, integer, decimal, string and text (and display as an item's help text)";

    /// <summary>A questionnaire as Varde reads it, and the resource as it is stored (re-serialised).</summary>
    public sealed record Read(QuestionnaireDefinition Definition, string Resource, PublicationStatus Status);

    public static Validated<Read> FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return Validated<Read>.Fail("resource", "Paste or upload a FHIR R4 Questionnaire in JSON.");
        Resource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, FhirJson.Strict);
        }
        catch (DeserializationFailedException e)
        {
            return Validated<Read>.Fail("resource", "This is not a valid FHIR R4 resource: " + string.Join(" ", e.Exceptions.Select(x => x.Message).Take(5)));
        }
        catch (JsonException e)
        {
            return Validated<Read>.Fail("resource", "This is not valid JSON: " + e.Message);
        }

        if (resource is not FhirQuestionnaire q)
            return Validated<Read>.Fail("resource", $"Expected a Questionnaire resource; got {resource?.TypeName ?? "nothing"}.");
        return FromFhir(q);
    }

    public static Validated<Read> FromFhir(FhirQuestionnaire q)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(q.Id))
            errors.Add(new("id", "The Questionnaire needs an id: Varde's name for it in plans, schedules and answers (e.g. \"daily-symptoms\")."));
        if (string.IsNullOrWhiteSpace(q.Url))
            errors.Add(new("url", "The Questionnaire needs its canonical url: all its versions share it."));
        if (q.Status is not (PublicationStatus.Draft or PublicationStatus.Active))
            errors.Add(new("status", $"The status must be draft or active; got '{q.StatusElement?.JsonValue ?? "none"}'. A retired questionnaire is not imported."));
        if (string.IsNullOrWhiteSpace(q.Title))
            errors.Add(new("title", "The Questionnaire needs a title: the patient sees it above the questions."));

        var items = new List<QuestionnaireItem>();
        for (var i = 0; i < q.Item.Count; i++)
        {
            var item = Item(q.Item[i], i, errors);
            if (item is not null)
                items.Add(item);
        }

        var hasScore = items.Any(i => i.Options.Any(o => o.Score is not null));
        var scoreName = q.GetExtension(FhirQuestionnaires.ScoreNameExtension)?.Value as FhirString;
        var definition = new QuestionnaireDefinition(q.Id ?? "", q.Url ?? "", q.Version ?? "", q.Title ?? "", FhirQuestionnaires.Text(q.TitleElement, true),
            items, hasScore, scoreName?.Value, scoreName is null ? null : FhirQuestionnaires.Text(scoreName, true));
        // Items Varde could not read are already named (and left out of the definition); its own rules say the rest.
        var itemsRefused = errors.Any(e => e.Field.StartsWith("item[", StringComparison.Ordinal));
        errors.AddRange(definition.Check().Where(e => errors.All(known => known.Field != e.Field) && !(itemsRefused && e.Field == "item")).ToList());
        if (errors.Count > 0)
            return Validated<Read>.Fail(errors);
        return Validated<Read>.Ok(new Read(definition, JsonSerializer.Serialize(q, FhirJson.Output), q.Status!.Value));
    }

    private static QuestionnaireItem? Item(FhirItem item, int index, List<ValidationError> errors)
    {
        var linkId = string.IsNullOrWhiteSpace(item.LinkId) ? null : item.LinkId;
        var field = linkId is null ? $"item[#{index + 1}]" : $"item[{linkId}]";
        var name = linkId is null ? $"Item {index + 1} (no linkId)" : $"Item '{linkId}'";
        var before = errors.Count;
        if (linkId is null)
            errors.Add(new($"{field}.linkId", $"{name}: every item needs a linkId."));
        var type = item.Type switch
        {
            FhirItemType.Choice => item.Repeats == true ? QuestionnaireItemType.MultipleChoice : QuestionnaireItemType.Choice,
            FhirItemType.Integer => QuestionnaireItemType.WholeNumber,
            FhirItemType.Decimal => QuestionnaireItemType.DecimalNumber,
            FhirItemType.String or FhirItemType.Text => QuestionnaireItemType.Text,
            _ => (QuestionnaireItemType?)null,
        };
        if (type is null)
            errors.Add(new($"{field}.type", item.Type switch
            {
                FhirItemType.Group => $"{name} is a group: Varde's questionnaires are flat, put its questions at the top level.",
                FhirItemType.Display => $"{name} is a display item: Varde shows display text only as a question's help (a display item inside it).",
                FhirItemType.Boolean => $"{name} has type 'boolean', which Varde cannot show and judge; use a choice with yes and no answer options. Varde takes {Supported}.",
                null => $"{name} has no type. Varde takes {Supported}.",
                _ => $"{name} has type '{item.TypeElement.JsonValue}', which Varde cannot show and judge. Varde takes {Supported}.",
            }));
        if (item.Repeats == true && item.Type != FhirItemType.Choice)
            errors.Add(new($"{field}.repeats", $"{name}: only choice items may repeat (several answers)."));
        if (item.AnswerValueSet is not null)
            errors.Add(new($"{field}.answerValueSet", $"{name} takes its answers from a value set, which Varde does not look up; list them as answerOption with valueCoding."));
        var options = Options(item, field, name, errors);
        // A group is refused as such; what is inside it is not told again.
        var help = item.Type == FhirItemType.Group ? null : Help(item, field, name, errors);
        var when = EnableWhen(item, field, name, errors);
        if (errors.Count > before || type is null)
            return null;
        return new QuestionnaireItem(linkId!, item.Text ?? "", FhirQuestionnaires.Text(item.TextElement, true), type.Value, options, item.Required == true,
            FhirQuestionnaires.Bound(item, FhirQuestionnaires.MinValueExtension), FhirQuestionnaires.Bound(item, FhirQuestionnaires.MaxValueExtension), when,
            help?.Text, help is null ? null : FhirQuestionnaires.Text(help.TextElement, true));
    }

    private static List<AnswerOption> Options(FhirItem item, string field, string name, List<ValidationError> errors)
    {
        var options = new List<AnswerOption>();
        foreach (var option in item.AnswerOption)
        {
            if (option.Value is not Coding { Code: { Length: > 0 } code } coding)
            {
                errors.Add(new($"{field}.answerOption", $"{name}: every answer option must be a valueCoding with a code; Varde does not take {option.Value?.TypeName ?? "an empty option"} options."));
                continue;
            }

            var score = Score(coding) ?? Score(option);
            options.Add(new AnswerOption(code, coding.Display ?? "", FhirQuestionnaires.Text(coding.DisplayElement, true), score));
        }

        return options;
    }

    private static decimal? Score(Element element) =>
        (element.GetExtension(FhirQuestionnaires.OrdinalValueExtension) ?? element.GetExtension(ItemWeightExtension))?.Value switch
        {
            FhirDecimal d => d.Value,
            Integer i => i.Value,
            _ => null,
        };

    private static FhirItem? Help(FhirItem item, string field, string name, List<ValidationError> errors)
    {
        if (item.Item.Count == 0)
            return null;
        if (item.Item.Count > 1 || item.Item[0].Type != FhirItemType.Display)
        {
            errors.Add(new($"{field}.item", $"{name} has items inside it: Varde's questionnaires are flat; only one display item (the question's help text) may be inside a question."));
            return null;
        }

        return item.Item[0];
    }

    private static EnableWhen? EnableWhen(FhirItem item, string field, string name, List<ValidationError> errors)
    {
        if (item.EnableWhen.Count == 0)
            return null;
        var condition = item.EnableWhen[0];
        if (item.EnableWhen.Count > 1 || condition.Operator != FhirQuestionnaire.QuestionnaireItemOperator.Equal
            || condition.Answer is not Coding { Code: { Length: > 0 } code } || string.IsNullOrWhiteSpace(condition.Question))
        {
            errors.Add(new($"{field}.enableWhen", $"{name}: Varde takes one enableWhen, with operator '=' and an answerCoding of an earlier choice item."));
            return null;
        }

        return new EnableWhen(condition.Question, code);
    }
}
