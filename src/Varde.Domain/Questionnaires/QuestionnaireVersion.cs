namespace Varde.Domain.Questionnaires;

/// <summary>
/// One version of a <see cref="ManagedQuestionnaire"/>: the FHIR Questionnaire resource as it was imported (the server
/// reads it into a <see cref="QuestionnaireDefinition"/>), its titles for lists, who imported it and when. An imported
/// version is a draft, seen only in its preview, until it is published; then it is the questionnaire's current version
/// and never changes (the database refuses it too). A draft may be replaced by importing the same version again.
/// </summary>
public sealed class QuestionnaireVersion
{
    private QuestionnaireVersion()
    {
        QuestionnaireId = "";
        Version = "";
        TitleNb = "";
        TitleEn = "";
        Resource = "";
        ImportedBy = "";
    }

    public Guid Id { get; private set; }

    public string QuestionnaireId { get; private set; }

    public string Version { get; private set; }

    public string TitleNb { get; private set; }

    public string TitleEn { get; private set; }

    /// <summary>The FHIR R4 Questionnaire as JSON.</summary>
    public string Resource { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedBy { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public string? PublishedBy { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    public static QuestionnaireVersion Import(Guid id, QuestionnaireDefinition definition, string resource, string by, DateTimeOffset at) => new()
    {
        Id = id,
        QuestionnaireId = definition.Id,
        Version = definition.Version,
        TitleNb = definition.TitleNb,
        TitleEn = definition.TitleEn,
        Resource = resource,
        ImportedAt = at.ToUniversalTime(),
        ImportedBy = by,
    };

    /// <summary>A draft imported again: its content is replaced. A published version never changes.</summary>
    public IReadOnlyList<ValidationError> ReplaceDraft(QuestionnaireDefinition definition, string resource, string by, DateTimeOffset at)
    {
        if (IsPublished)
            return [new("version", $"Version {Version} of '{QuestionnaireId}' is published and never changes; import the change as a new version.")];
        (TitleNb, TitleEn, Resource, ImportedBy, ImportedAt) = (definition.TitleNb, definition.TitleEn, resource, by, at.ToUniversalTime());
        return [];
    }

    /// <summary>Makes this draft the questionnaire's current version from <paramref name="at"/>.</summary>
    public IReadOnlyList<ValidationError> Publish(string by, DateTimeOffset at)
    {
        if (IsPublished)
            return [new("version", $"Version {Version} of '{QuestionnaireId}' is published already.")];
        (PublishedAt, PublishedBy) = (at.ToUniversalTime(), by);
        return [];
    }
}
