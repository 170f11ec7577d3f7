using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Domain.Triage;

/// <summary>
/// Questionnaire rules: a score band (<see cref="ScoreBandRule"/>) or a specific answer (<see cref="AnswerRule"/>) sets
/// the zone; with no rule for the questionnaire in the plan, a nurse assesses the answers.
/// </summary>
internal static class QuestionnaireTriage
{
    public static Finding Judge(TriageReport report, QuestionnaireDefinition q, PlanVersion? plan)
    {
        var findings = new List<Finding>();
        var bands = plan?.Rules.ScoreBands.Where(b => b.QuestionnaireId == q.Id).ToList() ?? [];
        var answerRules = plan?.Rules.Answers.Where(a => a.QuestionnaireId == q.Id).ToList() ?? [];
        var scoreInput = report.Score is { } s ? new TriageInput("score", s, "{score}") : null;
        if (bands.Count + answerRules.Count == 0)
        {
            return new Finding(TriageOutcome.NoThresholds, TriageRuleIds.NoThresholds, TriageRuleIds.NoThresholdsVersion,
                scoreInput is null ? [] : [scoreInput],
                $"{q.TitleNb}{ScoreNb(report)}: ingen regler i planen for dette skjemaet – vurderes av helsepersonell.",
                $"{q.TitleEn}{ScoreEn(report)}: no rules in the plan for this questionnaire – to be assessed by health personnel.");
        }

        foreach (var band in bands)
        {
            if (report.Score is not { } score)
                continue;
            var (zone, bound) = score >= band.RedFrom ? (TriageOutcome.Red, band.RedFrom!.Value)
                : score >= band.YellowFrom ? (TriageOutcome.Yellow, band.YellowFrom!.Value)
                : (TriageOutcome.Green, band.YellowFrom ?? band.RedFrom!.Value);
            var limits = new List<TriageInput> { scoreInput! };
            if (band.YellowFrom is { } y)
                limits.Add(new("score.yellowFrom", y, "{score}"));
            if (band.RedFrom is { } r)
                limits.Add(new("score.redFrom", r, "{score}"));
            findings.Add(zone == TriageOutcome.Green
                ? new(zone, TriageRuleIds.Questionnaire, TriageRuleIds.QuestionnaireVersion, limits,
                    $"{q.TitleNb}: poengsum {NumberText.Nb(score)} er under grensen {NumberText.Nb(bound)}",
                    $"{q.TitleEn}: score {NumberText.En(score)} is below the limit {NumberText.En(bound)}")
                : new(zone, TriageRuleIds.Questionnaire, TriageRuleIds.QuestionnaireVersion, limits,
                    $"{q.TitleNb}: poengsum {NumberText.Nb(score)} er på eller over {(zone == TriageOutcome.Red ? "rød" : "gul")} grense {NumberText.Nb(bound)}",
                    $"{q.TitleEn}: score {NumberText.En(score)} is at or above the {(zone == TriageOutcome.Red ? "red" : "yellow")} limit {NumberText.En(bound)}"));
        }

        foreach (var rule in answerRules.Where(a => report.HasAnswer(a.LinkId, a.Code)))
        {
            var item = q.Item(rule.LinkId)!;
            var option = item.Options.First(o => o.Code == rule.Code);
            findings.Add(new(rule.Zone, TriageRuleIds.Questionnaire, TriageRuleIds.QuestionnaireVersion, [new($"{rule.LinkId}={rule.Code}", 1, "1")],
                $"Svar «{option.TextNb}» på «{item.TextNb}» gir {(rule.Zone == TriageOutcome.Red ? "rød" : "gul")}",
                $"Answer \"{option.TextEn}\" to \"{item.TextEn}\" gives {(rule.Zone == TriageOutcome.Red ? "red" : "yellow")}"));
        }

        if (findings.Count == 0)
        {
            findings.Add(new(TriageOutcome.Green, TriageRuleIds.Questionnaire, TriageRuleIds.QuestionnaireVersion, scoreInput is null ? [] : [scoreInput],
                $"{q.TitleNb}{ScoreNb(report)}: ingen svar som gir gul eller rød", $"{q.TitleEn}{ScoreEn(report)}: no answer that gives yellow or red"));
        }

        var worst = findings.Max(f => f.Zone);
        var deciding = findings.Where(f => f.Zone == worst).ToList();
        return new Finding(worst, TriageRuleIds.Questionnaire, TriageRuleIds.QuestionnaireVersion, deciding.SelectMany(f => f.Inputs).ToList(),
            string.Join("; ", deciding.Select(f => f.Nb)) + $" (plan v{plan!.Number}).",
            string.Join("; ", deciding.Select(f => f.En)) + $" (plan v{plan.Number}).");
    }

    private static string ScoreNb(TriageReport r) => r.Score is { } s ? $" (poengsum {NumberText.Nb(s)})" : "";

    private static string ScoreEn(TriageReport r) => r.Score is { } s ? $" (score {NumberText.En(s)})" : "";
}
