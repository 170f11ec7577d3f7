using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// The installation's questionnaires (<see cref="QuestionnaireCatalogue"/>) as the patient app, intake, triage, the
/// FHIR API and the screens read them: the published versions from the database, read into definitions by the import's
/// own reader (<see cref="FhirQuestionnaireImport"/>), kept in memory. A change on this node drops the copy at once
/// (<see cref="Changed"/>); another node's change is seen within <see cref="MaxAge"/> (ADR 0025). A published version
/// never changes, so a copy is never wrong about a version, only late about a new one or a retirement.
/// </summary>
public sealed class StoredQuestionnaires(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(QuestionnaireCatalogue Catalogue, DateTimeOffset ReadAt);

    public async ValueTask<QuestionnaireCatalogue> CatalogueAsync(CancellationToken ct = default)
    {
        if (Fresh(_snapshot) is { } catalogue)
            return catalogue;
        await _loading.WaitAsync(ct);
        try
        {
            if (Fresh(_snapshot) is { } loaded)
                return loaded;
            var readAt = clock.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var read = await ReadAsync(scope.ServiceProvider.GetRequiredService<VardeDbContext>(), ct);
            _snapshot = new Snapshot(read, readAt);
            return read;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// The catalogue, read again first when it lacks one of these questionnaires (a version null: any): one published
    /// or imported on another node since this node read them, which intake must know at once.
    /// </summary>
    public async ValueTask<QuestionnaireCatalogue> CatalogueWithAsync(IEnumerable<(string? Id, string? Version)> needed, CancellationToken ct = default)
    {
        var catalogue = await CatalogueAsync(ct);
        if (needed.All(n => n.Id is null || catalogue.Find(n.Id, string.IsNullOrWhiteSpace(n.Version) ? null : n.Version.Trim()) is not null))
            return catalogue;
        Changed();
        return await CatalogueAsync(ct);
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>A questionnaire was published or retired here: the next reader reads them again.</summary>
    public void Changed() => _snapshot = null;

    /// <summary>The catalogue as stored now: published versions in the order they were published, and the retired questionnaires.</summary>
    public static async Task<QuestionnaireCatalogue> ReadAsync(VardeDbContext db, CancellationToken ct)
    {
        var published = (await db.QuestionnaireVersions.AsNoTracking().Where(v => v.PublishedAt != null).ToListAsync(ct))
            .OrderBy(v => v.PublishedAt).ThenBy(v => v.Id).ToList();
        var retired = await db.Questionnaires.AsNoTracking().Where(q => q.RetiredAt != null).Select(q => q.Id).ToListAsync(ct);
        return new QuestionnaireCatalogue(published.Select(Definition), retired);
    }

    /// <summary>A stored version as Varde shows and judges it; a stored version that no longer reads is a fault, not a user's error.</summary>
    public static QuestionnaireDefinition Definition(QuestionnaireVersion version)
    {
        var read = FhirQuestionnaireImport.FromJson(version.Resource);
        return read.IsValid
            ? read.Value.Definition
            : throw new InvalidOperationException($"Stored questionnaire {version.QuestionnaireId} version {version.Version} does not read: {read.Errors[0].Message}");
    }

    private QuestionnaireCatalogue? Fresh(Snapshot? snapshot) =>
        snapshot is not null && clock.GetUtcNow() - snapshot.ReadAt < MaxAge ? snapshot.Catalogue : null;
}
