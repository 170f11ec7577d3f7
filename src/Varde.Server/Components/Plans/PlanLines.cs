using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Components.Plans;

/// <summary>A plan's (or template's) rules besides thresholds, each in plain words by the one describer the approval screen uses too.</summary>
public static class PlanLines
{
    public static List<PlanText> Rules(PlanRules rules, QuestionnaireCatalogue questionnaires) =>
    [
        .. rules.Changes.Select(PlanWording.Trend),
        .. rules.ConsecutiveYellow is { } run ? [PlanWording.Run(run)] : Array.Empty<PlanText>(),
        .. rules.ScoreBands.Select(b => PlanWording.Band(b, questionnaires)),
        .. rules.Answers.Select(a => PlanWording.Answer(a, questionnaires)),
        .. rules.News2 is { } news2 ? [PlanWording.News2(news2)] : Array.Empty<PlanText>(),
    ];
}
