using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Questionnaires;

/// <summary>What the administrative audit log keeps of a questionnaire change: the questionnaire, the version and its items (the whole resource stays in the database).</summary>
public static class QuestionnaireAudit
{
    public static object Snapshot(ManagedQuestionnaire q, QuestionnaireVersion? v = null, QuestionnaireDefinition? d = null) => new
    {
        q.Id,
        q.Url,
        v?.Version,
        v?.TitleNb,
        Status = v is null ? null : v.IsPublished ? "published" : "draft",
        Items = d?.Items.Select(i => new { i.LinkId, Type = i.Type.ToString(), Options = i.Options.Select(o => o.Code).ToArray() }).ToArray(),
        q.RetiredAt,
    };
}
