using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;
using Varde.Server.Features.Questionnaires;
using FhirQuestionnaire = Hl7.Fhir.Model.Questionnaire;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// GET /fhir/Questionnaire/{id} and GET /fhir/Questionnaire?url=&amp;name=&amp;version=&amp;status=: the installation's
/// questionnaires in use (no patient data), each as it was imported, with status active, or retired when it is. A read
/// gives the current version; a search by <c>url|version</c> (or <c>version</c>) any published version. Drafts are not served.
/// </summary>
public sealed class QuestionnaireResources(VardeDbContext db, StoredQuestionnaires stored, TimeProvider clock)
{
    private static readonly string[] Known = ["url", "name", "version", "status", .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Questionnaire/{id}", (string id, QuestionnaireResources slice, CancellationToken ct) => slice.ReadAsync(id, ct))
            .WithName("ReadFhirQuestionnaire")
            .RequireScope("Questionnaire", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Questionnaire", (HttpRequest request, QuestionnaireResources slice, CancellationToken ct) => slice.SearchAsync(request, ct))
            .WithName("SearchFhirQuestionnaires")
            .RequireScope("Questionnaire", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadAsync(string id, CancellationToken ct)
    {
        var catalogue = await stored.CatalogueAsync(ct);
        return catalogue.Find(id) is { } q
            ? new FhirResult((await ResourcesAsync(catalogue, [q], ct))[0])
            : FhirOutcome.NotFound($"Questionnaire/{id}");
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.Query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Questionnaire; supported: {string.Join(", ", Known[..^1])}.");
        var (paging, problem) = FhirPage.Read(request.Query, 100);
        if (paging is null)
            return problem!;
        var url = request.Query["url"].FirstOrDefault()?.Split('|', 2);
        var version = url is [_, var v] ? v : request.Query["version"].FirstOrDefault();
        var name = request.Query["name"].FirstOrDefault();
        var status = request.Query["status"].FirstOrDefault();
        var catalogue = await stored.CatalogueAsync(ct);
        var matches = catalogue.All
            .Where(q => url is null || q.Url == url[0])
            .Select(q => version is null ? q : catalogue.Find(q.Id, version))
            .OfType<QuestionnaireDefinition>()
            .Where(q => status is null || status == (catalogue.IsRetired(q.Id) ? "retired" : "active"))
            .ToList();
        var resources = (await ResourcesAsync(catalogue, matches, ct))
            .Where(q => name is null || (q.Name ?? "").StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var bundle = paging.NewBundle(request, "Questionnaire", resources.Count, clock.GetUtcNow());
        foreach (var q in paging.Of(resources))
            FhirPage.Add(bundle, FhirPaths.Base(request) + "/Questionnaire/" + q.Id, q);
        return new FhirResult(bundle);
    }

    // The stored resources of these versions, as imported, with Varde's id and whether the questionnaire is retired.
    private async Task<List<FhirQuestionnaire>> ResourcesAsync(QuestionnaireCatalogue catalogue, List<QuestionnaireDefinition> versions, CancellationToken ct)
    {
        var ids = versions.Select(v => v.Id).Distinct().ToList();
        var rows = (await db.QuestionnaireVersions.AsNoTracking().Where(v => ids.Contains(v.QuestionnaireId) && v.PublishedAt != null).ToListAsync(ct))
            .ToDictionary(v => (v.QuestionnaireId, v.Version));
        return versions.Select(v =>
        {
            var resource = JsonSerializer.Deserialize<FhirQuestionnaire>(rows[(v.Id, v.Version)].Resource, FhirJson.Output)!;
            resource.Id = v.Id;
            resource.Status = catalogue.IsRetired(v.Id) ? PublicationStatus.Retired : PublicationStatus.Active;
            return resource;
        }).ToList();
    }
}
