using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Questionnaires;

/// <summary>One stored version: a draft (seen only in its preview) or published; <see cref="Current"/>: the one new answers use.</summary>
public sealed record QuestionnaireVersionResponse(Guid Id, string Version, string TitleNb, string TitleEn, bool Published, bool Current,
    DateTimeOffset ImportedAt, string ImportedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>A questionnaire as administrators see it: its id, url, whether it is retired, and its versions, newest first.</summary>
public sealed record ManagedQuestionnaireResponse(string Id, Guid Key, string Url, string TitleNb, string TitleEn, bool Retired, DateTimeOffset? RetiredAt,
    string? CurrentVersion, IReadOnlyList<QuestionnaireVersionResponse> Versions)
{
    public static ManagedQuestionnaireResponse From(ManagedQuestionnaire q, IEnumerable<QuestionnaireVersion> versions)
    {
        var all = versions.OrderByDescending(v => v.PublishedAt ?? v.ImportedAt).ThenByDescending(v => v.Id).ToList();
        var current = all.Where(v => v.IsPublished).MaxBy(v => (v.PublishedAt, v.Id));
        var titled = current ?? all.FirstOrDefault();
        return new(q.Id, q.Key, q.Url, titled?.TitleNb ?? q.Id, titled?.TitleEn ?? q.Id, q.IsRetired, q.RetiredAt, current?.Version,
            all.Select(v => new QuestionnaireVersionResponse(v.Id, v.Version, v.TitleNb, v.TitleEn, v.IsPublished, v == current, v.ImportedAt, v.ImportedBy,
                v.PublishedAt, v.PublishedBy)).ToList());
    }
}
