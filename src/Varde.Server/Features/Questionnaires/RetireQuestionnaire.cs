using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// POST /api/admin/questionnaires/{id}/retire: the questionnaire is no longer offered for new plans and templates.
/// Nothing is deleted: answers already given keep their version, and plans that have it keep working (the patient app
/// still asks it, triage still judges it) until a nurse changes them. Refused while a template in use names it, so no
/// new plan gets it from a template.
/// </summary>
public sealed class RetireQuestionnaire(VardeDbContext db, AdminAudit audit, StoredQuestionnaires stored, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/questionnaires/{id}/retire", async (string id, ClaimsPrincipal user, RetireQuestionnaire slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(RetireQuestionnaire))
            .RequireAuthorization(Policies.Administer);

    public async Task<QuestionnaireOutcome> HandleAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var questionnaire = await db.Questionnaires.SingleOrDefaultAsync(q => q.Id == id, ct);
        if (questionnaire is null)
            return new QuestionnaireOutcome.NotFound();
        if (!questionnaire.IsRetired)
        {
            if (await QuestionnaireUse.TemplatesUsingAsync(db, id, ct) is { Count: > 0 } templates)
                return new QuestionnaireOutcome.Refused([new("templates",
                    $"Plan templates in use name this questionnaire ({string.Join(", ", templates.Select(t => $"'{t}'"))}); change or retire them first.")]);
            var before = QuestionnaireAudit.Snapshot(questionnaire);
            questionnaire.Retire(Callers.From(user).ActorId, clock.GetUtcNow());
            audit.Stage(user, AdminEntityKinds.Questionnaire, questionnaire.Key, AdminActions.Retired, before, QuestionnaireAudit.Snapshot(questionnaire));
            await db.SaveChangesAsync(ct);
            stored.Changed();
        }

        var versions = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).ToListAsync(ct);
        return new QuestionnaireOutcome.Stored(ManagedQuestionnaireResponse.From(questionnaire, versions));
    }
}
