using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Domain.Triage;

/// <summary>
/// Judges one report against the plan version in force when it was measured and the patient's earlier reports (by
/// effective time, with the results they got). A pure function: the same report, history and plan always give the
/// same result, whatever order reports arrived in.
/// <list type="number">
/// <item>Measurements: physically implausible values are suspected measurement errors and are judged no further.</item>
/// <item>The report's own thresholds (or questionnaire rules) give its base zone.</item>
/// <item>Trend rules (change over a window, a run of yellows) and NEWS2 may raise it.</item>
/// <item>The worst zone wins. <b>A red is never downgraded</b>: a sudden jump makes a report "check measurement" only when
/// no rule found red and the patient did not confirm the value (ADR 0016).</item>
/// <item>The explanation says what decided the zone, then what else was checked (thresholds, trends, NEWS2), then notes:
/// an unusual jump, a late report, a time Varde could not trust.</item>
/// </list>
/// A questionnaire response is judged with the wording of the version it answered, from <c>questionnaires</c>.
/// </summary>
public static class TriageEngine
{
    public static TriageResult Evaluate(TriageReport report, IReadOnlyList<TriagedReport> history, PlanVersion? plan, QuestionnaireCatalogue questionnaires)
    {
        var before = history.Where(h => TriageReport.CompareByEffectiveTime(h.Report, report) < 0).ToList();
        var result = report.Measurement is { } type
            ? Measurement(report, MeasurementCatalogue.Get(type), before, plan)
            : Questionnaire(report, before, plan, questionnaires);
        return TimeNotes.Add(result, report, plan);
    }

    private static TriageResult Measurement(TriageReport report, MeasurementDefinition definition, List<TriagedReport> history, PlanVersion? plan)
    {
        var readings = definition.Components.Zip(report.Values, (q, v) => new Reading(q, v)).ToList();
        var thresholds = ThresholdTriage.Evaluate(definition, report.Values, plan);
        if (thresholds.Outcome == TriageOutcome.SuspectedMeasurementError)
            return thresholds;

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

        var jump = SuddenJump.Check(report, readings, history);
        if (jump is { Confirmed: false } && !findings.Any(f => f.Zone == TriageOutcome.Red))
            return Result(jump.AsError, plan, TriageOutcome.SuspectedMeasurementError);
        return Combine(findings, jump is null ? [] : [jump.AsNote], plan, thresholds.Outcome);
    }

    private static TriageResult Questionnaire(TriageReport report, List<TriagedReport> history, PlanVersion? plan, QuestionnaireCatalogue questionnaires)
    {
        var q = questionnaires.Find(report.QuestionnaireId, report.QuestionnaireVersion) ?? questionnaires.Find(report.QuestionnaireId)
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

        return Combine(findings, [], plan, answers.Zone);
    }

    /// <summary>
    /// The worst zone wins and is explained first; then what else was checked, then the notes. A base of "no thresholds"
    /// stands unless another rule judged the report (a trend rule that found the change within the plan makes it green).
    /// </summary>
    private static TriageResult Combine(List<Finding> findings, IReadOnlyList<Finding> notes, PlanVersion? plan, TriageOutcome baseZone)
    {
        var baseFinding = findings[0];
        var judgedByOthers = findings.Skip(1).Where(f => f.Zone is TriageOutcome.Green or TriageOutcome.Yellow or TriageOutcome.Red).ToList();
        var worst = findings.Where(f => f.Zone is TriageOutcome.Yellow or TriageOutcome.Red).Select(f => (TriageOutcome?)f.Zone).Max();
        var (outcome, deciding) = worst is { } zone
            ? (zone, findings.Where(f => f.Zone == zone).ToList())
            : baseZone == TriageOutcome.NoThresholds && judgedByOthers.Count > 0
                ? (TriageOutcome.Green, judgedByOthers)
                : (baseZone, [baseFinding]);
        // "No thresholds for weight – to be assessed" would mislead once another rule has judged the report.
        var alsoChecked = findings.Where(f => !deciding.Contains(f) && !(f == baseFinding && baseZone == TriageOutcome.NoThresholds && outcome != baseZone));
        var told = deciding.Concat(alsoChecked).Concat(notes).ToList();
        var first = deciding[0];
        return new TriageResult(outcome, first.RuleId, first.RuleVersion, plan?.Id, plan?.Number,
            told.SelectMany(f => f.Inputs).DistinctBy(i => i.Name).ToList(),
            string.Join(" ", told.Select(f => f.Nb)), string.Join(" ", told.Select(f => f.En)), baseZone);
    }

    private static TriageResult Result(Finding f, PlanVersion? plan, TriageOutcome baseZone) =>
        new(f.Zone, f.RuleId, f.RuleVersion, plan?.Id, plan?.Number, f.Inputs, f.Nb, f.En, baseZone);
}
