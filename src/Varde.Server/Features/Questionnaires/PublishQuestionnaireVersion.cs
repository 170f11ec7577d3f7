using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// POST /api/admin/questionnaires/{id}/versions/{version}/publish: a draft becomes the questionnaire's current version:
/// new answers use it (the patient app shows it at once on this node, on others within a minute), answers already given
/// keep theirs. Checked again against the rules plans and templates use, which may have changed since the import.
/// </summary>
public sealed class PublishQuestionnaireVersion(VardeDbContext db, AdminAudit audit, StoredQuestionnaires stored, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/questionnaires/{id}/versions/{version}/publish", async (string id, string version, ClaimsPrincipal user,
                PublishQuestionnaireVersion slice, CancellationToken ct) => (await slice.HandleAsync(id, version, user, ct)).ToHttp())
            .WithName(nameof(PublishQuestionnaireVersion))
            .RequireAuthorization(Policies.Administer);

    public async Task<QuestionnaireOutcome> HandleAsync(string id, string version, ClaimsPrincipal user, CancellationToken ct)
    {
        var questionnaire = await db.Questionnaires.SingleOrDefaultAsync(q => q.Id == id, ct);
        var draft = await db.QuestionnaireVersions.SingleOrDefaultAsync(v => v.QuestionnaireId == id && v.Version == version, ct);
        if (questionnaire is null || draft is null)
            return new QuestionnaireOutcome.NotFound();
        if (questionnaire.IsRetired)
            return new QuestionnaireOutcome.Refused([new("id", $"Questionnaire '{id}' is retired; its versions are no longer published.")]);
        var definition = StoredQuestionnaires.Definition(draft);
        var before = QuestionnaireAudit.Snapshot(questionnaire, draft);
        var errors = draft.Publish(Callers.From(user).ActorId, clock.GetUtcNow()).ToList();
        if (errors.Count == 0)
            errors.AddRange(await QuestionnaireUse.BrokenByAsync(db, definition, ct));
        if (errors.Count > 0)
            return new QuestionnaireOutcome.Refused(errors);

        audit.Stage(user, AdminEntityKinds.Questionnaire, questionnaire.Key, AdminActions.Published, before, QuestionnaireAudit.Snapshot(questionnaire, draft, definition));
        await db.SaveChangesAsync(ct);
        stored.Changed();
        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).ToListAsync(ct);
        return new QuestionnaireOutcome.Stored(ManagedQuestionnaireResponse.From(questionnaire, versions));
    }
}
