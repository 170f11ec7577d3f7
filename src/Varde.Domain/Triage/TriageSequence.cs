using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// Judges a patient's reports in effective-time order. Reports before <c>from</c> keep the results they have; each
/// report from there on is judged against everything before it, so a late reading changes the reports after it
/// exactly as if it had arrived in time. This is what makes triage independent of arrival order.
/// </summary>
public static class TriageSequence
{
    public static List<TriageResult> Evaluate(IReadOnlyList<TriageReport> ordered, IReadOnlyList<TriageResult?> known, int from,
        IReadOnlyList<PlanVersion> plans, Questionnaires.QuestionnaireCatalogue questionnaires)
    {
        var lookback = PlanInForce.Lookback(plans);
        var history = new List<TriagedReport>();
        var results = new List<TriageResult>();
        var windowStart = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            var report = ordered[i];
            // Reports come in effective-time order, so the window's start only moves forward.
            while (windowStart < history.Count && history[windowStart].Report.EffectiveAt < report.EffectiveAt - lookback)
                windowStart++;
            var result = i < from
                ? known[i] ?? throw new ArgumentException("Reports before the start need their results.", nameof(known))
                : TriageEngine.Evaluate(report, history.GetRange(windowStart, history.Count - windowStart), PlanInForce.At(plans, report.EffectiveAt), questionnaires);
            if (i >= from)
                results.Add(result);
            history.Add(new TriagedReport(report, result));
        }

        return results;
    }
}
