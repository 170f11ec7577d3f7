using System.Globalization;
using Hl7.Fhir.Model;
using Varde.Domain.Questionnaires;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// Varde's questionnaires as FHIR R4 Questionnaire resources: bokmål text with an English translation extension,
/// choice items (repeats for multiple choice) with scored answer options (ordinalValue), integer and decimal items
/// with minValue/maxValue, text items, help as a display child (itemControl help), enableWhen ("=" on a coding), and
/// what the score is called (a Varde extension). The patient app and the preview render their forms from these
/// resources; <see cref="FhirQuestionnaireImport"/> reads them back (the two Varde ships are stored this way).
/// </summary>
public static class FhirQuestionnaires
{
    public const string TranslationExtension = "http://hl7.org/fhir/StructureDefinition/translation";
    public const string OrdinalValueExtension = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string MinValueExtension = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValueExtension = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string ItemControlExtension = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";
    public const string ItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control";
    public const string ScoreNameExtension = "https://varde.no/fhir/StructureDefinition/score-name";

    public static FhirQuestionnaire ToFhir(QuestionnaireDefinition q, PublicationStatus status = PublicationStatus.Active)
    {
        var resource = new FhirQuestionnaire
        {
            Id = q.Id,
            Url = q.Url,
            Version = q.Version,
            Name = q.Id.Replace("-", "_", StringComparison.Ordinal).Replace(".", "_", StringComparison.Ordinal),
            Status = status,
            Language = "nb",
            TitleElement = Translated(q.TitleNb, q.TitleEn),
            Item = q.Items.Select(i => Item(q, i)).ToList(),
        };
        if (q.ScoreNameNb is { } scoreName)
            resource.Extension.Add(new Extension(ScoreNameExtension, Translated(scoreName, q.ScoreNameEn ?? scoreName)));
        return resource;
    }

    /// <summary>The English translation of a text when <paramref name="english"/> and one exists, else the bokmål text.</summary>
    public static string Text(PrimitiveType? element, bool english)
    {
        if (element is null)
            return "";
        var translation = english
            ? element.Extension.FirstOrDefault(e => e.Url == TranslationExtension && e.GetExtensionValue<Code>("lang")?.Value == "en")
            : null;
        return translation?.GetExtensionValue<FhirString>("content")?.Value ?? element.JsonValue?.ToString() ?? "";
    }

    private static FhirQuestionnaire.ItemComponent Item(QuestionnaireDefinition q, QuestionnaireItem i)
    {
        var item = new FhirQuestionnaire.ItemComponent
        {
            LinkId = i.LinkId,
            TextElement = Translated(i.TextNb, i.TextEn),
            Type = i.Type switch
            {
                QuestionnaireItemType.Choice or QuestionnaireItemType.MultipleChoice => FhirQuestionnaire.QuestionnaireItemType.Choice,
                QuestionnaireItemType.WholeNumber => FhirQuestionnaire.QuestionnaireItemType.Integer,
                QuestionnaireItemType.DecimalNumber => FhirQuestionnaire.QuestionnaireItemType.Decimal,
                _ => FhirQuestionnaire.QuestionnaireItemType.Text,
            },
            Required = i.Required,
            Repeats = i.Type == QuestionnaireItemType.MultipleChoice,
            AnswerOption = i.Options.Select(o => Option(q, o)).ToList(),
        };
        if (i.Min is { } min)
            item.Extension.Add(new Extension(MinValueExtension, Number(i, min)));
        if (i.Max is { } max)
            item.Extension.Add(new Extension(MaxValueExtension, Number(i, max)));
        if (i.EnableWhen is { } when)
            item.EnableWhen.Add(new FhirQuestionnaire.EnableWhenComponent
            {
                Question = when.Question,
                Operator = FhirQuestionnaire.QuestionnaireItemOperator.Equal,
                Answer = new Coding(AnswerSystem(q), when.Code),
            });
        if (i.HelpNb is not null)
        {
            var help = new FhirQuestionnaire.ItemComponent
            {
                LinkId = i.LinkId + ".help",
                TextElement = Translated(i.HelpNb, i.HelpEn ?? i.HelpNb),
                Type = FhirQuestionnaire.QuestionnaireItemType.Display,
            };
            help.Extension.Add(new Extension(ItemControlExtension, new CodeableConcept(ItemControlSystem, "help")));
            item.Item.Add(help);
        }

        return item;
    }

    public static string AnswerSystem(QuestionnaireDefinition q) => q.Url + "/answers";

    private static FhirQuestionnaire.AnswerOptionComponent Option(QuestionnaireDefinition q, AnswerOption o)
    {
        var coding = new Coding(AnswerSystem(q), o.Code) { DisplayElement = Translated(o.TextNb, o.TextEn) };
        if (o.Score is { } score)
            coding.Extension.Add(new Extension(OrdinalValueExtension, new FhirDecimal(score)));
        return new FhirQuestionnaire.AnswerOptionComponent { Value = coding };
    }

    private static DataType Number(QuestionnaireItem i, decimal value) =>
        i.Type == QuestionnaireItemType.WholeNumber ? new Integer((int)value) : new FhirDecimal(value);

    /// <summary>A bokmål text with its English translation (the FHIR translation extension).</summary>
    public static FhirString Translated(string nb, string en)
    {
        var text = new FhirString(nb);
        var translation = new Extension { Url = TranslationExtension };
        translation.AddExtension("lang", new Code("en"));
        translation.AddExtension("content", new FhirString(en));
        text.Extension.Add(translation);
        return text;
    }

    /// <summary>A number from a minValue/maxValue extension, for the form's range.</summary>
    public static decimal? Bound(FhirQuestionnaire.ItemComponent item, string url) =>
        item.GetExtensionValue<DataType>(url) switch
        {
            Integer integer => integer.Value,
            FhirDecimal dec => dec.Value,
            _ => null,
        };

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
