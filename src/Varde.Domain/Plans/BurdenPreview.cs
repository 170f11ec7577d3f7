using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>How many yellow and red reports, and alerts, a plan version would have given on a series of reports.</summary>
public sealed record Burden(int Reports, int Yellow, int Red, int CheckMeasurement, int Alerts);

/// <summary>
/// Replays a patient's reports (in effective-time order, with every rule of the plan: thresholds, trends,
/// questionnaire rules, NEWS2) through the triage engine under a proposed plan version and under the current one,
/// so the GP sees what the change would have meant for the nurse. An alert here is an episode: a non-green report
/// after a green one (or the first) for the same kind of report opens one, as the alert book would.
/// </summary>
public static class BurdenPreview
{
    public static (Burden Current, Burden Proposed) Compare(IReadOnlyList<TriageReport> reports, PlanVersion? current, PlanVersion proposed,
        Questionnaires.QuestionnaireCatalogue questionnaires) =>
        (Replay(reports, current, questionnaires), Replay(reports, proposed, questionnaires));

    public static Burden Replay(IReadOnlyList<TriageReport> reports, PlanVersion? plan, Questionnaires.QuestionnaireCatalogue questionnaires)
    {
        var ordered = reports.OrderBy(r => r, Comparer<TriageReport>.Create(TriageReport.CompareByEffectiveTime)).ToList();
        // The plan is treated as in force for the whole series: the question is what it would have done.
        IReadOnlyList<PlanVersion> plans = plan is null ? [] : [WithEarlyStart(plan, ordered)];
        var results = TriageSequence.Evaluate(ordered, [], 0, plans, questionnaires);
        var alerts = 0;
        var open = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var subject = ordered[i].Subject;
            if (results[i].Outcome is TriageOutcome.Yellow or TriageOutcome.Red or TriageOutcome.SuspectedMeasurementError)
            {
                if (open.Add(subject))
                    alerts++;
            }
            else
            {
                open.Remove(subject);
            }
        }

        return new(ordered.Count, results.Count(r => r.Outcome == TriageOutcome.Yellow), results.Count(r => r.Outcome == TriageOutcome.Red),
            results.Count(r => r.Outcome == TriageOutcome.SuspectedMeasurementError), alerts);
    }

    // A draft, or a version approved after the series started, would not be in force for its early reports; replay it as if it had been.
    private static PlanVersion WithEarlyStart(PlanVersion plan, List<TriageReport> ordered)
    {
        var from = ordered.Count == 0 ? plan.CreatedAt : ordered[0].EffectiveAt.AddSeconds(-1);
        return plan.Approval is { } a && a.ApprovedAt <= from ? plan : plan.AsInForceFrom(from);
    }
}
