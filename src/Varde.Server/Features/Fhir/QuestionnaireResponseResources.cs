using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;
using Varde.Server.Features.Patients;
using FhirResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// QuestionnaireResponse: create (also conditional by identifier) through the one intake path (<see cref="FhirIntake"/>),
/// so it is scored and triaged by the plan's questionnaire rules as the JSON API's answers are;
/// read; and search by patient and questionnaire (canonical URL), newest first, with <c>_count</c> and paging.
/// </summary>
public sealed class QuestionnaireResponseResources(VardeDbContext db, FhirIntake intake, PatientAccessGate gate,
    TimeProvider clock, Questionnaires.StoredQuestionnaires catalogue)
{
    private static readonly string[] Known = [.. FhirSubjects.SearchParameters, "questionnaire", .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapPost("/QuestionnaireResponse", (HttpRequest request, ClaimsPrincipal user, QuestionnaireResponseResources slice, CancellationToken ct) =>
                slice.CreateAsync(request, user, ct))
            .WithName("CreateFhirQuestionnaireResponse")
            .RequireScope("QuestionnaireResponse", 'c')
            .RequireAuthorization(Policies.FhirWrite);
        fhir.MapGet("/QuestionnaireResponse/{id}", (string id, ClaimsPrincipal user, QuestionnaireResponseResources slice, CancellationToken ct) =>
                slice.ReadAsync(id, user, ct))
            .WithName("ReadFhirQuestionnaireResponse")
            .RequireScope("QuestionnaireResponse", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/QuestionnaireResponse/{id}/_history/{vid}", (string id, string vid, ClaimsPrincipal user, QuestionnaireResponseResources slice, CancellationToken ct) =>
                FhirVersions.ReadAsync(slice.ReadAsync(id, user, ct), "QuestionnaireResponse", id, vid))
            .WithName("VreadFhirQuestionnaireResponse")
            .RequireScope("QuestionnaireResponse", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/QuestionnaireResponse/{id}/_history", (string id, HttpRequest request, ClaimsPrincipal user, QuestionnaireResponseResources slice, TimeProvider clock, CancellationToken ct) =>
                FhirVersions.HistoryAsync(() => slice.ReadAsync(id, user, ct), request, clock.GetUtcNow()))
            .WithName("HistoryFhirQuestionnaireResponse")
            .RequireScope("QuestionnaireResponse", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/QuestionnaireResponse", (HttpRequest request, ClaimsPrincipal user, QuestionnaireResponseResources slice, CancellationToken ct) =>
                slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirQuestionnaireResponses")
            .RequireScope("QuestionnaireResponse", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = await FhirJson.ReadAsync<FhirResponse>(request, ct);
        if (parsed.Problem is not null)
            return parsed.Problem;
        var criterion = request.Headers.TryGetValue("If-None-Exist", out var header) ? header.ToString() : null;
        var answers = await intake.TakeInAsync([new FhirIntake.Entry(parsed.Resource!, criterion)], Callers.From(user), IntakeMode.EachOnItsOwn, request, ct);
        return FhirPrefer.Apply(answers[0]!, request);
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var responseId))
            return FhirOutcome.NotFound($"QuestionnaireResponse/{id}");
        var stored = await db.QuestionnaireResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId, ct);
        if (stored is null || await gate.OpenAsync(user, stored.PatientId, "fhir.questionnaire-response.read", ct) is null)
            return FhirOutcome.NotFound($"QuestionnaireResponse/{id}");
        var triage = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == responseId, ct);
        return new FhirResult(QuestionnaireResponseMapping.ToFhir(stored, triage?.Result, await catalogue.CatalogueAsync(ct)));
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on QuestionnaireResponse; supported: {string.Join(", ", Known)}.");
        if (!FhirSubjects.NamesPatient(query))
            return FhirOutcome.Invalid("QuestionnaireResponse search needs patient (or subject).");
        var (paging, problem) = FhirPage.Read(query, 50);
        if (paging is not { Offset: var offset, Count: var count })
            return problem!;

        var patientId = await FhirSubjects.SearchedPatientAsync(db, query, ct);
        var allowed = patientId is { } id && await gate.OpenAsync(user, id, "fhir.questionnaire-response.search", ct) is not null;
        paging = paging.Fixed(clock.GetUtcNow());
        var asOf = paging.AsOf!.Value;
        var responses = db.QuestionnaireResponses.AsNoTracking().Where(r => allowed && r.PatientId == patientId && r.ReceivedAt <= asOf);
        var questionnaires = await catalogue.CatalogueAsync(ct);
        if (query["questionnaire"].FirstOrDefault() is { } canonical)
        {
            var named = QuestionnaireResponseMapping.Find(canonical, questionnaires);
            var questionnaireId = named?.Id ?? "";
            responses = responses.Where(r => r.QuestionnaireId == questionnaireId);
            if (canonical.Contains('|', StringComparison.Ordinal) && named is not null)
                responses = responses.Where(r => r.QuestionnaireVersion == named.Version);
        }

        var total = await responses.CountAsync(ct);
        var page = await responses.OrderByDescending(r => r.EffectiveAt).ThenByDescending(r => r.Id).Skip(offset).Take(count).ToListAsync(ct);
        var ids = page.Select(r => r.Id).ToList();
        var triage = await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, ct);
        var bundle = paging.NewBundle(request, "QuestionnaireResponse", total, clock.GetUtcNow());
        foreach (var r in page)
            FhirPage.Add(bundle, FhirPaths.Resource(request, "QuestionnaireResponse", r.Id),
                QuestionnaireResponseMapping.ToFhir(r, triage.TryGetValue(r.Id, out var t) ? t.Result : null, questionnaires));
        return new FhirResult(bundle);
    }
}
