namespace Varde.Domain.Questionnaires;

/// <summary>
/// A questionnaire the installation keeps (ADR 0025): its id in Varde, the canonical URL all its versions share, and
/// whether it is retired. Retired means no longer offered for new plans and templates; plans that have it, and the
/// answers already given, keep working. Its versions are <see cref="QuestionnaireVersion"/>s.
/// </summary>
public sealed class ManagedQuestionnaire
{
    private ManagedQuestionnaire()
    {
        Id = "";
        Url = "";
    }

    public string Id { get; private set; }

    /// <summary>The questionnaire as the administrative audit log names it (the log names every entity by a Guid).</summary>
    public Guid Key { get; private set; }

    public string Url { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RetiredAt { get; private set; }

    public string? RetiredBy { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public static ManagedQuestionnaire Create(string id, Guid key, string url, DateTimeOffset at) =>
        new() { Id = id, Key = key, Url = url, CreatedAt = at.ToUniversalTime() };

    /// <summary>Takes the questionnaire out of use for new plans from <paramref name="at"/>; retiring again keeps the first time.</summary>
    public void Retire(string by, DateTimeOffset at)
    {
        if (RetiredAt is not null)
            return;
        RetiredAt = at.ToUniversalTime();
        RetiredBy = by;
    }
}
