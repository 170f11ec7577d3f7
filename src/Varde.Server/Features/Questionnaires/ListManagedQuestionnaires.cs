using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Questionnaires;

/// <summary>GET /api/admin/questionnaires and /api/admin/questionnaires/{id}: every questionnaire, retired ones too, with its versions (drafts too).</summary>
public sealed class ListManagedQuestionnaires(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/questionnaires", async (ListManagedQuestionnaires slice, CancellationToken ct) => TypedResults.Ok(await slice.HandleAsync(ct)))
            .WithName(nameof(ListManagedQuestionnaires))
            .RequireAuthorization(Policies.Administer);
        admin.MapGet("/questionnaires/{id}", async Task<Results<Ok<ManagedQuestionnaireResponse>, NotFound>> (string id, ListManagedQuestionnaires slice,
                CancellationToken ct) => await slice.OneAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .WithName("GetManagedQuestionnaire")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<IReadOnlyList<ManagedQuestionnaireResponse>> HandleAsync(CancellationToken ct)
    {
        var questionnaires = await db.Questionnaires.AsNoTracking().ToListAsync(ct);
        var versions = (await db.QuestionnaireVersions.AsNoTracking().ToListAsync(ct)).ToLookup(v => v.QuestionnaireId);
        return questionnaires.Select(q => ManagedQuestionnaireResponse.From(q, versions[q.Id]))
            .OrderBy(q => q.Retired).ThenBy(q => q.TitleNb, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true)).ToList();
    }

    public async Task<ManagedQuestionnaireResponse?> OneAsync(string id, CancellationToken ct) =>
        await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, ct) is { } q
            ? ManagedQuestionnaireResponse.From(q, await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).ToListAsync(ct))
            : null;
}
