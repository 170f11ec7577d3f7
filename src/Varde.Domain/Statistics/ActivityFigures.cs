using Varde.Domain.Pathways;
using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>
/// A follow-up service's (or a municipality's, a health community's, the installation's) activity in a period, from
/// the facts of its patients, every count after small-number suppression (<see cref="SmallNumbers"/>). Each figure is
/// defined in docs/statistics.md.
/// </summary>
public sealed record ActivityFigures(
    StatisticsPeriod Period,
    Shown Recipients,
    Shown Started,
    Shown Ended,
    IReadOnlyList<Cell> EndedByReason,
    Shown Referrals,
    Shown Accepted,
    Shown Declined,
    Shown InPathway,
    IReadOnlyList<Cell> ByStateAtEnd,
    IReadOnlyList<Cell> RecipientsBySex,
    IReadOnlyList<Cell> RecipientsByAgeGroup,
    IReadOnlyList<Cell> RecipientsByDiagnosisGroup,
    IReadOnlyList<Cell> RecipientsByMunicipality,
    ShownNumber PatientDays,
    ShownNumber MedianDaysOfEnded,
    ShownNumber MeanDaysOfEnded,
    ActivityRates? Rates,
    EvaluationFigures Evaluations)
{
    /// <summary>The key of the patients enrolled without a pathway in <see cref="ByStateAtEnd"/>.</summary>
    public const string WithoutPathway = "WithoutPathway";

    /// <summary>The key of the patients with no diagnosis group in <see cref="RecipientsByDiagnosisGroup"/>.</summary>
    public const string NoDiagnosisGroup = "None";

    private static readonly DiagnosisGroup[] Groups = [DiagnosisGroup.Copd, DiagnosisGroup.HeartFailure, DiagnosisGroup.Diabetes, DiagnosisGroup.Cancer, DiagnosisGroup.Other];

    /// <summary>
    /// The figures of these patients in the period. Every municipality in <paramref name="municipalities"/> has a cell,
    /// also when it has no recipients; with a <paramref name="population"/>, the rates per 1,000 inhabitants too.
    /// </summary>
    /// <remarks>One <see cref="PatientFacts"/> per patient (as <c>ActivityFacts</c> reads them): a patient given twice is
    /// counted twice. With <paramref name="ageGroup"/> (one of <see cref="AgeGroups.All"/>), only the patients of that age on the
    /// period's last day are counted, and only that age group's inhabitants.</remarks>
    public static ActivityFigures Of(IReadOnlyCollection<PatientFacts> all, StatisticsPeriod period, IReadOnlyList<MunicipalityInScope> municipalities,
        PopulationYear? population = null, string? ageGroup = null)
    {
        var patients = ageGroup is null ? all : [.. all.Where(p => AgeGroups.Of(p.AgeOn(period.To)) == ageGroup)];
        var tally = ActivityTally.Of(patients, period);
        var recipients = tally.Recipients;
        var ended = tally.Ended;
        var lengths = ended.Select(e => (double)e.LengthDays!.Value).Order().ToList();
        var shownRecipients = SmallNumbers.Count(recipients.Count);
        // Counted in one pass each (a count per group by scanning every recipient again took most of a national request).
        var perSex = recipients.CountBy(p => p.Sex).ToDictionary();
        var perAgeGroup = recipients.CountBy(p => AgeGroups.Of(p.AgeOn(period.To))).ToDictionary();
        var perMunicipality = recipients.CountBy(p => p.MunicipalityId).ToDictionary();
        var states = tally.StatesAtEnd;
        var bySex = SmallNumbers.Breakdown(Enum.GetValues<LegalSex>().Select(s => (s.ToString(), perSex.GetValueOrDefault(s))), recipients.Count);
        var byAge = SmallNumbers.Breakdown(AgeGroups.All.Select(g => (g, perAgeGroup.GetValueOrDefault(g))), recipients.Count);
        var byMunicipality = SmallNumbers.Breakdown(municipalities.OrderBy(m => m.Label, StringComparer.Ordinal)
            .Select(m => (m.Label, perMunicipality.GetValueOrDefault(m.Id))), recipients.Count);
        return new ActivityFigures(
            period,
            shownRecipients,
            SmallNumbers.Count(tally.Started),
            SmallNumbers.Count(ended.Count),
            SmallNumbers.Breakdown(Enum.GetValues<EndReason>().Select(r => (r.ToString(), ended.Count(e => e.EndReason == r))), ended.Count),
            SmallNumbers.Count(tally.Referrals),
            SmallNumbers.Count(tally.Accepted),
            SmallNumbers.Count(tally.Declined),
            SmallNumbers.Count(states.Sum()),
            SmallNumbers.Breakdown(Enum.GetValues<PathwayState>().Select(s => (s.ToString(), states[(int)s])).Append((WithoutPathway, states[^1])), states.Sum()),
            bySex,
            byAge,
            SmallNumbers.Breakdown(Groups.Select(g => (g.ToString(), recipients.Count(p => p.Diagnoses.HasFlag(g))))
                .Append((NoDiagnosisGroup, recipients.Count(p => p.Diagnoses == DiagnosisGroup.None))), addsUpTo: null),
            byMunicipality,
            SmallNumbers.Number(tally.PatientDays, recipients.Count),
            SmallNumbers.Number(Median(lengths), lengths.Count),
            SmallNumbers.Number(lengths.Count > 0 ? lengths.Average() : null, lengths.Count),
            population is null ? null : ActivityRates.Of(new RecipientCounts(recipients.Count, perSex, perAgeGroup, perMunicipality), municipalities, population, ageGroup,
                new CountTables(shownRecipients, bySex, byAge, byMunicipality)),
            EvaluationFigures.Of(patients, period));
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
