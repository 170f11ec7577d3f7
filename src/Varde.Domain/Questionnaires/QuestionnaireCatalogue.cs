namespace Varde.Domain.Questionnaires;

/// <summary>
/// The questionnaires an installation has in use (ADR 0025): every published version of each, in the order they were
/// published, so a response is read and judged with the version it answered; the current version of each (the newest
/// published one), which new answers use; and which questionnaires are retired: no longer offered for new plans and
/// templates, while plans that have one and the answers already given keep working. Drafts are not in it. An immutable
/// snapshot: the server builds a new one when a questionnaire changes.
/// </summary>
public sealed partial class QuestionnaireCatalogue
{
    private readonly Dictionary<string, List<QuestionnaireDefinition>> _versions = new(StringComparer.Ordinal);
    private readonly List<QuestionnaireDefinition> _current = [];
    private readonly HashSet<string> _retired;

    /// <summary>A catalogue of these published versions (oldest first: the last of each id is its current version) and retired ids.</summary>
    public QuestionnaireCatalogue(IEnumerable<QuestionnaireDefinition> publishedOldestFirst, IEnumerable<string>? retired = null)
    {
        var order = new List<string>();
        foreach (var q in publishedOldestFirst)
        {
            if (!_versions.TryGetValue(q.Id, out var versions))
            {
                _versions[q.Id] = versions = [];
                order.Add(q.Id);
            }

            versions.Add(q);
        }

        _current.AddRange(order.Select(id => _versions[id][^1]));
        _retired = new HashSet<string>(retired ?? [], StringComparer.Ordinal);
    }

    /// <summary>The current version of every questionnaire, retired ones too, in the order they were first published.</summary>
    public IReadOnlyList<QuestionnaireDefinition> All => _current;

    /// <summary>
    /// The current version of every questionnaire that is not retired nor survey-only: what new plans and templates may
    /// use.
    /// </summary>
    public IReadOnlyList<QuestionnaireDefinition> Offered => _current.Where(q => !IsRetired(q.Id) && !IsSurveyOnly(q.Id)).ToList();

    /// <summary>
    /// The user survey Varde ships is answered only as a survey, without the patient's name; never as a plan's
    /// questionnaire, which would put the answers in the patient's record.
    /// </summary>
    public static bool IsSurveyOnly(string id) => id == UserExperienceId;

    /// <summary>The current version of a questionnaire, or null when there is none.</summary>
    public QuestionnaireDefinition? Find(string? id) =>
        id is not null && _versions.TryGetValue(id, out var versions) ? versions[^1] : null;

    /// <summary>A given version (null: the current one), or null when the questionnaire has no such published version.</summary>
    public QuestionnaireDefinition? Find(string? id, string? version) =>
        version is null ? Find(id) : Versions(id).LastOrDefault(q => q.Version == version);

    /// <summary>Every published version of a questionnaire, oldest first.</summary>
    public IReadOnlyList<QuestionnaireDefinition> Versions(string? id) =>
        id is not null && _versions.TryGetValue(id, out var versions) ? versions : [];

    public bool IsRetired(string? id) => id is not null && _retired.Contains(id);
}
