using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// The questionnaires Varde ships (the CAT and the daily questions) become stored questionnaires of an installation at
/// start, through the same reader as an import, published by "varde": so there is one path, and an administrator can
/// give them new versions or retire them like any other. A version already stored is left as it is, and a retired
/// questionnaire stays retired. Not an administrator's change, so not in the administrative audit log.
/// </summary>
public static class BuiltInQuestionnaires
{
    public const string Actor = "varde";

    public static async Task EnsureAsync(VardeDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var definition in QuestionnaireCatalogue.BuiltIn.All)
        {
            var read = FhirQuestionnaireImport.FromFhir(FhirQuestionnaires.ToFhir(definition));
            if (!read.IsValid)
                throw new InvalidOperationException($"The built-in questionnaire {definition.Id} does not pass the import: {read.Errors[0].Message}");
            var stored = await db.Questionnaires.SingleOrDefaultAsync(q => q.Id == definition.Id, ct);
            if (stored is not null && stored.Url != definition.Url)
                continue;
            if (await db.QuestionnaireVersions.AnyAsync(v => v.QuestionnaireId == definition.Id && v.Version == definition.Version, ct))
                continue;
            if (stored is null)
                db.Questionnaires.Add(ManagedQuestionnaire.Create(definition.Id, Guid.CreateVersion7(now), definition.Url, now));
            var version = QuestionnaireVersion.Import(Guid.CreateVersion7(now), read.Value.Definition, read.Value.Resource, Actor, now);
            version.Publish(Actor, now);
            db.QuestionnaireVersions.Add(version);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node starting at the same time stored them.
            db.ChangeTracker.Clear();
        }
    }
}
