using Varde.Server.Auth;

namespace Varde.Server.Features.Questionnaires;

/// <summary>GET /api/questionnaires: the current version of each of the installation's questionnaires, with items and answer options.</summary>
public static class ListQuestionnaires
{
    public static void Map(WebApplication app) =>
        app.MapGet("/api/questionnaires", async (StoredQuestionnaires stored, CancellationToken ct) => TypedResults.Ok((await stored.CatalogueAsync(ct)).All))
            .WithTags("Questionnaires")
            .WithName(nameof(ListQuestionnaires))
            .RequireAuthorization(Policies.RecordMeasurements);
}
