using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>A small questionnaire of the kind an installation imports (choice, integer shown after a "yes", free text with help), and how the tests send it.</summary>
public static class QuestionnaireKit
{
    public static string Url(string id) => $"https://example.org/fhir/Questionnaire/{id}";

    /// <summary>A questionnaire with this id (each test its own, as the tests of a class share one database).</summary>
    public static Questionnaire Pain(string id, string version = "1", string question = "Har du vondt i dag?")
    {
        var url = Url(id);
        var hasPain = new Questionnaire.ItemComponent
        {
            LinkId = "has-pain", TextElement = FhirQuestionnaires.Translated(question, "Are you in pain today?"), Type = Questionnaire.QuestionnaireItemType.Choice,
            Required = true,
            AnswerOption =
            [
                new() { Value = new Coding(url + "/answers", "yes") { DisplayElement = FhirQuestionnaires.Translated("Ja", "Yes") } },
                new() { Value = new Coding(url + "/answers", "no") { DisplayElement = FhirQuestionnaires.Translated("Nei", "No") } },
            ],
        };
        var level = new Questionnaire.ItemComponent
        {
            LinkId = "pain-level", Text = "Hvor vondt, fra 0 til 10?", Type = Questionnaire.QuestionnaireItemType.Integer, Required = true,
            EnableWhen = [new() { Question = "has-pain", Operator = Questionnaire.QuestionnaireItemOperator.Equal, Answer = new Coding(url + "/answers", "yes") }],
        };
        level.Extension.Add(new Extension(FhirQuestionnaires.MinValueExtension, new Integer(0)));
        level.Extension.Add(new Extension(FhirQuestionnaires.MaxValueExtension, new Integer(10)));
        var where = new Questionnaire.ItemComponent
        {
            LinkId = "where", Text = "Hvor har du vondt?", Type = Questionnaire.QuestionnaireItemType.Text, Required = false,
            Item = [new() { LinkId = "where.help", Text = "Skriv med egne ord.", Type = Questionnaire.QuestionnaireItemType.Display }],
        };
        return new Questionnaire
        {
            Id = id, Url = url, Version = version, Status = PublicationStatus.Active, TitleElement = FhirQuestionnaires.Translated("Smerter", "Pain"),
            Item = [hasPain, level, where],
        };
    }

    public static string Json(Questionnaire q) => JsonSerializer.Serialize(q, FhirJson.Output);

    public static async Task<HttpResponseMessage> ImportAsync(HttpClient admin, string json, string contentType = "application/fhir+json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await admin.PostAsync("/api/admin/questionnaires", content);
    }

    public static Task<HttpResponseMessage> ImportAsync(HttpClient admin, Questionnaire q) => ImportAsync(admin, Json(q));

    public static Task<HttpResponseMessage> PublishAsync(HttpClient admin, string id, string version) =>
        admin.PostAsync($"/api/admin/questionnaires/{id}/versions/{version}/publish", null);

    /// <summary>The errors of a validation problem, by field.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
}
