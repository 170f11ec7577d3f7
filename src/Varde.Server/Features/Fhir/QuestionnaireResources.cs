using Hl7.Fhir.Model;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Fhir;

/// <summary>GET /fhir/Questionnaire/{id} and GET /fhir/Questionnaire?url=&amp;name=: the questionnaires Varde ships (no patient data).</summary>
public sealed class QuestionnaireResources(TimeProvider clock)
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Questionnaire/{id}", (string id, QuestionnaireResources slice) => slice.Read(id))
            .WithName("ReadFhirQuestionnaire")
            .RequireScope("Questionnaire", 'r')
            .RequireAuthorization(Policies.FhirWrite);
        fhir.MapGet("/Questionnaire", (HttpRequest request, QuestionnaireResources slice) => slice.Search(request))
            .WithName("SearchFhirQuestionnaires")
            .RequireScope("Questionnaire", 's')
            .RequireAuthorization(Policies.FhirWrite);
    }

    public FhirResult Read(string id) =>
        QuestionnaireCatalogue.Find(id) is { } q ? new FhirResult(FhirQuestionnaires.ToFhir(q)) : FhirOutcome.NotFound($"Questionnaire/{id}");

    public FhirResult Search(HttpRequest request)
    {
        if (request.Query.Keys.FirstOrDefault(k => k is not ("url" or "name" or "_format")) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Questionnaire; supported: url, name.");
        var url = request.Query["url"].FirstOrDefault();
        var name = request.Query["name"].FirstOrDefault();
        var matches = QuestionnaireCatalogue.All.Select(FhirQuestionnaires.ToFhir)
            .Where(q => url is null || q.Url == url.Split('|')[0])
            .Where(q => name is null || (q.Name ?? "").StartsWith(name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = matches.Count, Meta = new Meta { LastUpdated = clock.GetUtcNow() } };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = FhirPaths.Base(request) + "/Questionnaire" + request.QueryString });
        foreach (var q in matches)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = FhirPaths.Base(request) + "/Questionnaire/" + q.Id,
                Resource = q,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        return new FhirResult(bundle);
    }
}
