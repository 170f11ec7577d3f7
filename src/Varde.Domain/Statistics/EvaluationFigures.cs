using Varde.Domain.Pathways;

namespace Varde.Domain.Statistics;

/// <summary>An evaluation held: the Norwegian day, and the nurse's structured assessment (none for those held before it existed).</summary>
public sealed record EvaluationFact(DateOnly HeldOn, EvaluationAssessment? Assessment);

/// <summary>
/// The nurses' evaluations held in a period (issue 21 item 4): how many, by goal attainment and by change in
/// self-management (an evaluation without a structured assessment is <see cref="NotStructured"/>), and the share of the
/// structured ones where the patient feels safer and reports without help. Counts 1 to 4 are hidden, and a share whose
/// yes or no count is 1 to 4 (it would tell it); the breakdowns add up to the evaluations held.
/// </summary>
public sealed record EvaluationFigures(Shown Held, IReadOnlyList<Cell> ByGoals, IReadOnlyList<Cell> BySelfManagement, ShownNumber PercentFeelsSafer,
    ShownNumber PercentReportsWithoutHelp)
{
    /// <summary>The key of the evaluations held without a structured assessment.</summary>
    public const string NotStructured = "NotStructured";

    public static EvaluationFigures Of(IEnumerable<PatientFacts> patients, StatisticsPeriod period)
    {
        var held = HeldIn(patients, period);
        var structured = held.Where(e => e.Assessment is not null).Select(e => e.Assessment!).ToList();
        return new EvaluationFigures(
            SmallNumbers.Count(held.Count),
            SmallNumbers.Breakdown(Enum.GetValues<GoalAttainment>().Select(g => (g.ToString(), structured.Count(a => a.Goals == g)))
                .Append((NotStructured, held.Count - structured.Count)), held.Count),
            SmallNumbers.Breakdown(Enum.GetValues<SelfManagementChange>().Select(c => (c.ToString(), structured.Count(a => a.SelfManagement == c)))
                .Append((NotStructured, held.Count - structured.Count)), held.Count),
            Share(structured.Count(a => a.FeelsSafer), structured.Count),
            Share(structured.Count(a => a.ReportsWithoutHelp), structured.Count));
    }

    // By indexed loops, not nested SelectMany: the installation has 100,000 patients, nearly all without an evaluation
    // in the period, and an enumerator for each patient's pathways and each pathway's evaluations was 7 % of its activity
    // request.
    private static List<EvaluationFact> HeldIn(IEnumerable<PatientFacts> patients, StatisticsPeriod period)
    {
        var held = new List<EvaluationFact>();
        foreach (var patient in patients)
        {
            var pathways = patient.Pathways;
            for (var i = 0; i < pathways.Count; i++)
            {
                if (pathways[i].Evaluations is not { Count: > 0 } evaluations)
                    continue;
                for (var j = 0; j < evaluations.Count; j++)
                {
                    if (period.Contains(evaluations[j].HeldOn))
                        held.Add(evaluations[j]);
                }
            }
        }

        return held;
    }

    // A share tells its count and the rest's: hidden when either is 1 to 4 (as the two cells of a breakdown would be).
    private static ShownNumber Share(int yes, int of) =>
        SmallNumbers.Hides(yes) || SmallNumbers.Hides(of - yes) ? new ShownNumber(null, true) : SmallNumbers.Number(of > 0 ? 100.0 * yes / of : null, of);
}
