using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// GET /api/admin/questionnaires/{id}/versions/{version}: one stored version, a draft too, as the FHIR Questionnaire it
/// was imported as (<c>application/fhir+json</c>); the preview shows the same version as the patient will see it.
/// </summary>
public sealed class GetQuestionnaireVersion(VardeDbContext db)
{
    /// <summary>A stored version with what Varde reads from it.</summary>
    public sealed record Found(QuestionnaireVersion Version, QuestionnaireDefinition Definition, bool Retired);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/questionnaires/{id}/versions/{version}", async Task<Results<ContentHttpResult, NotFound>> (string id, string version,
                GetQuestionnaireVersion slice, CancellationToken ct) =>
                await slice.HandleAsync(id, version, ct) is { } found
                    ? TypedResults.Text(found.Version.Resource, Fhir.FhirJson.ContentType, Encoding.UTF8)
                    : TypedResults.NotFound())
            .Produces<JsonElement>(StatusCodes.Status200OK, Fhir.FhirJson.ContentType)
            .WithName(nameof(GetQuestionnaireVersion))
            .RequireAuthorization(Policies.Administer);

    public async Task<Found?> HandleAsync(string id, string version, CancellationToken ct)
    {
        var stored = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.QuestionnaireId == id && v.Version == version, ct);
        if (stored is null)
            return null;
        var retired = await db.Questionnaires.AsNoTracking().AnyAsync(q => q.Id == id && q.RetiredAt != null, ct);
        return new Found(stored, StoredQuestionnaires.Definition(stored), retired);
    }
}
