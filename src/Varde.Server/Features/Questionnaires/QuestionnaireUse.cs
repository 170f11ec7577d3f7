using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// Where the installation's plans and templates use a questionnaire in their rules, so a new version cannot quietly
/// stop a rule from firing: every plan version (a late report is judged by the version in force when it was measured)
/// and every template in use. Read when a version is imported and again when it is published; an administrator's
/// action, rare enough to read the rules of all plan versions.
/// </summary>
public static class QuestionnaireUse
{
    /// <summary>One error per rule the new version would break, with how many plan versions and which templates have it.</summary>
    public static async Task<List<ValidationError>> BrokenByAsync(VardeDbContext db, QuestionnaireDefinition next, CancellationToken ct)
    {
        var plans = await db.PlanVersions.AsNoTracking().Select(v => v.Rules).ToListAsync(ct);
        var templates = await db.PlanTemplates.AsNoTracking().Where(t => t.RetiredAt == null).Select(t => new { t.Name, t.Rules }).ToListAsync(ct);
        var inPlans = plans.SelectMany(r => QuestionnaireReferences.BrokenBy(next, r)).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var inTemplates = templates.SelectMany(t => QuestionnaireReferences.BrokenBy(next, t.Rules).Select(m => (Message: m, t.Name)))
            .GroupBy(x => x.Message).ToDictionary(g => g.Key, g => g.Select(x => x.Name).Distinct().ToList());
        return inPlans.Keys.Union(inTemplates.Keys).Order(StringComparer.Ordinal).Select(message =>
        {
            var where = new List<string>();
            if (inPlans.TryGetValue(message, out var count))
                where.Add($"{count} plan version(s)");
            if (inTemplates.TryGetValue(message, out var names))
                where.Add("template " + string.Join(", ", names.Select(n => $"'{n}'")));
            return new ValidationError("item",
                $"Version {next.Version} would break a rule in use: {message} ({string.Join("; ", where)}). Keep that item and answer, or change those plans and templates first.");
        }).ToList();
    }

    /// <summary>The names of the templates in use whose rules name the questionnaire.</summary>
    public static async Task<List<string>> TemplatesUsingAsync(VardeDbContext db, string questionnaireId, CancellationToken ct) =>
        (await db.PlanTemplates.AsNoTracking().Where(t => t.RetiredAt == null).Select(t => new { t.Name, t.Rules }).ToListAsync(ct))
            .Where(t => QuestionnaireReferences.Named(t.Rules.Normalised()).Contains(questionnaireId)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
}
