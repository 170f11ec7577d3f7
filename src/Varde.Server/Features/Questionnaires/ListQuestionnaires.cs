using Varde.Domain.Questionnaires;
using Varde.Server.Auth;

namespace Varde.Server.Features.Questionnaires;

/// <summary>GET /api/questionnaires: the questionnaires Varde ships, with items and answer options.</summary>
public static class ListQuestionnaires
{
    public static void Map(WebApplication app) =>
        app.MapGet("/api/questionnaires", () => TypedResults.Ok(QuestionnaireCatalogue.All))
            .WithTags("Questionnaires")
            .WithName(nameof(ListQuestionnaires))
            .RequireAuthorization(Policies.RecordMeasurements);
}
