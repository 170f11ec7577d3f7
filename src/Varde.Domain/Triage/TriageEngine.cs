using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Domain.Triage;

/// <summary>
/// Judges one report against the plan version in force when it was measured and the patient's earlier reports (by
/// effective time, with the results they got). A pure function: the same report, history and plan always give the
/// same result, whatever order reports arrived in.
/// <list type="number">
/// <item>Measurements: implausible values and sudden jumps are suspected measurement errors and are judged no further.</item>
/// <item>The report's own thresholds (or questionnaire rules) give its base zone.</item>
/// <item>Trend rules (change over a window, a run of yellows) and NEWS2 may raise it.</item>
/// <item>The worst zone wins; its explanations are joined. A late report is marked late.</item>
/// </list>
/// </summary>
public static class TriageEngine
{
    public static TriageResult Evaluate(TriageReport report, IReadOnlyList<TriagedReport> history, PlanVersion? plan)
    {
        var before = history.Where(h => TriageReport.CompareByEffectiveTime(h.Report, report) < 0).ToList();
        var result = report.Measurement is { } type
            ? Measurement(report, MeasurementCatalogue.Get(type), before, plan)
            : Questionnaire(report, before, plan);
        var lateAfter = plan?.Rules.LateAfter ?? TimeSpan.FromHours(PlanRules.DefaultLateAfterHours);
        var delay = report.ReceivedAt - report.EffectiveAt;
        if (delay <= lateAfter)
            return result;
        var hours = (int)Math.Floor(delay.TotalHours);
        return result with
        {
            Late = true,
            ExplanationNb = $"{result.ExplanationNb} Sen rapport: mottatt {hours} t etter at den ble målt.",
            ExplanationEn = $"{result.ExplanationEn} Late report: received {hours} h after it was measured.",
        };
    }

    private static TriageResult Measurement(TriageReport report, MeasurementDefinition definition, List<TriagedReport> history, PlanVersion? plan)
    {
        var readings = definition.Components.Zip(report.Values, (q, v) => new Reading(q, v)).ToList();
        var thresholds = ThresholdTriage.Evaluate(definition, report.Values, plan);
        if (thresholds.Outcome == TriageOutcome.SuspectedMeasurementError)
            return thresholds;
        if (SuddenJump.Check(report, readings, history) is { } jump)
            return Result(jump, plan, TriageOutcome.SuspectedMeasurementError);

        var findings = new List<Finding>
        {
            new(thresholds.Outcome, thresholds.RuleId, thresholds.RuleVersion, thresholds.Inputs, thresholds.ExplanationNb, thresholds.ExplanationEn),
        };
        if (plan is not null)
        {
            findings.AddRange(ChangeTrend.Check(report, readings, history, plan));
            if (ConsecutiveYellow.Check(report, thresholds.Outcome, history, plan) is { } run)
                findings.Add(run);
            if (News2Rule.Check(report, history, plan) is { } news2)
                findings.Add(news2);
        }

        return Combine(findings, plan, thresholds.Outcome);
    }

    private static TriageResult Questionnaire(TriageReport report, List<TriagedReport> history, PlanVersion? plan)
    {
        var q = QuestionnaireCatalogue.Find(report.QuestionnaireId)
            ?? throw new ArgumentException($"Unknown questionnaire '{report.QuestionnaireId}'.", nameof(report));
        var answers = QuestionnaireTriage.Judge(report, q, plan);
        var findings = new List<Finding> { answers };
        if (plan is not null)
        {
            if (ConsecutiveYellow.Check(report, answers.Zone, history, plan) is { } run)
                findings.Add(run);
            if (News2Rule.Check(report, history, plan) is { } news2)
                findings.Add(news2);
        }

        return Combine(findings, plan, answers.Zone);
    }

    /// <summary>The worst zone wins; a base of "no thresholds" stands unless another rule found yellow or red.</summary>
    private static TriageResult Combine(List<Finding> findings, PlanVersion? plan, TriageOutcome baseZone)
    {
        var zoned = findings.Where(f => f.Zone is TriageOutcome.Yellow or TriageOutcome.Red).ToList();
        if (zoned.Count == 0)
            return Result(findings[0], plan, baseZone);
        var worst = zoned.Max(f => f.Zone);
        var deciding = zoned.Where(f => f.Zone == worst).ToList();
        var first = deciding[0];
        return new TriageResult(worst, first.RuleId, first.RuleVersion, plan?.Id, plan?.Number,
            deciding.SelectMany(f => f.Inputs).DistinctBy(i => i.Name).ToList(),
            string.Join(" ", deciding.Select(f => f.Nb)), string.Join(" ", deciding.Select(f => f.En)), baseZone);
    }

    private static TriageResult Result(Finding f, PlanVersion? plan, TriageOutcome baseZone) =>
        new(f.Zone, f.RuleId, f.RuleVersion, plan?.Id, plan?.Number, f.Inputs, f.Nb, f.En, baseZone);
}
