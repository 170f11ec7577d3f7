using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// POST /api/admin/questionnaires (body: a FHIR R4 Questionnaire, <c>application/fhir+json</c> or <c>application/json</c>):
/// an administrator imports a questionnaire, or a new version of one (the same url and id), as a <b>draft</b>, checked
/// field by field (<see cref="FhirQuestionnaireImport"/>). A draft is seen only in its preview until it is published
/// (<see cref="PublishQuestionnaireVersion"/>). Importing a version that is still a draft replaces it; a published version
/// never changes. A new version must keep the items and answers that plans and templates use in rules.
/// </summary>
public sealed class ImportQuestionnaire(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public const int MaxBytes = 1_000_000;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/questionnaires", async Task<Results<Created<ManagedQuestionnaireResponse>, Ok<ManagedQuestionnaireResponse>, ValidationProblem, ProblemHttpResult,
                Microsoft.AspNetCore.Http.HttpResults.NotFound>> (HttpRequest request, ClaimsPrincipal user, ImportQuestionnaire slice, CancellationToken ct) =>
            {
                if (request.ContentType?.Split(';')[0].Trim() is not ("application/fhir+json" or "application/json"))
                    return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the Questionnaire as application/fhir+json or application/json.");
                if (request.ContentLength > MaxBytes)
                    return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"A questionnaire is at most {MaxBytes} bytes.");
                using var reader = new StreamReader(request.Body);
                return (await slice.HandleAsync(await reader.ReadToEndAsync(ct), user, ct)).ToHttp();
            })
            .WithName(nameof(ImportQuestionnaire))
            .RequireAuthorization(Policies.Administer);

    public async Task<QuestionnaireOutcome> HandleAsync(string json, ClaimsPrincipal user, CancellationToken ct)
    {
        if (json.Length > MaxBytes)
            return new QuestionnaireOutcome.Refused([new("resource", $"A questionnaire is at most {MaxBytes} bytes.")]);
        var read = FhirQuestionnaireImport.FromJson(json);
        if (!read.IsValid)
            return new QuestionnaireOutcome.Refused(read.Errors);
        var definition = read.Value.Definition;
        var questionnaire = await db.Questionnaires.SingleOrDefaultAsync(q => q.Id == definition.Id, ct);
        var errors = await CheckAsync(questionnaire, definition, ct);
        var existing = questionnaire is null ? null
            : await db.QuestionnaireVersions.SingleOrDefaultAsync(v => v.QuestionnaireId == definition.Id && v.Version == definition.Version, ct);
        var now = clock.GetUtcNow();
        var by = Callers.From(user).ActorId;
        var before = existing is null ? null : QuestionnaireAudit.Snapshot(questionnaire!, existing);
        if (existing is not null)
            errors.AddRange(existing.ReplaceDraft(definition, read.Value.Resource, by, now));
        if (errors.Count > 0)
            return new QuestionnaireOutcome.Refused(errors);

        questionnaire ??= db.Questionnaires.Add(ManagedQuestionnaire.Create(definition.Id, Guid.CreateVersion7(now), definition.Url, now)).Entity;
        var version = existing ?? db.QuestionnaireVersions.Add(QuestionnaireVersion.Import(Guid.CreateVersion7(now), definition, read.Value.Resource, by, now)).Entity;
        audit.Stage(user, AdminEntityKinds.Questionnaire, questionnaire.Key, existing is null ? AdminActions.Imported : AdminActions.Edited,
            before, QuestionnaireAudit.Snapshot(questionnaire, version, definition));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new QuestionnaireOutcome.Refused([new("version", $"Version {definition.Version} of '{definition.Id}' was imported at the same time; look again.")]);
        }

        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == definition.Id).ToListAsync(ct);
        return new QuestionnaireOutcome.Stored(ManagedQuestionnaireResponse.From(questionnaire, versions), Created: existing is null);
    }

    // The id and url must name the same questionnaire as before; a retired one gets no new versions; rules in use must still hold.
    private async Task<List<ValidationError>> CheckAsync(ManagedQuestionnaire? questionnaire, QuestionnaireDefinition definition, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Url == definition.Url, ct) is { } sameUrl && sameUrl.Id != definition.Id)
            errors.Add(new("id", $"This url is questionnaire '{sameUrl.Id}' in Varde; a new version keeps its id."));
        if (questionnaire is null)
            return errors;
        if (questionnaire.Url != definition.Url)
            errors.Add(new("id", $"The id '{definition.Id}' is another questionnaire's ({questionnaire.Url}); give this one its own id."));
        else if (questionnaire.IsRetired)
            errors.Add(new("id", $"Questionnaire '{definition.Id}' is retired and gets no new versions."));
        else
            errors.AddRange(await QuestionnaireUse.BrokenByAsync(db, definition, ct));
        return errors;
    }
}
