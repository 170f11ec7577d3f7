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
    /// <remarks>With <paramref name="ageGroup"/> (one of <see cref="AgeGroups.All"/>), only the patients of that age on the
    /// period's last day are counted, and only that age group's inhabitants.</remarks>
    public static ActivityFigures Of(IReadOnlyCollection<PatientFacts> all, StatisticsPeriod period, IReadOnlyList<MunicipalityInScope> municipalities,
        PopulationYear? population = null, string? ageGroup = null)
    {
        var patients = ageGroup is null ? all : [.. all.Where(p => AgeGroups.Of(p.AgeOn(period.To)) == ageGroup)];
        var episodes = patients.SelectMany(p => p.Episodes().Select(e => (Patient: p, Episode: e))).ToList();
        var inPeriod = episodes.Where(x => x.Episode.Overlaps(period)).ToList();
        var recipients = inPeriod.Select(x => x.Patient).DistinctBy(p => p.PatientId).ToList();
        var started = episodes.Count(x => period.Contains(x.Episode.StartedOn));
        var ended = episodes.Where(x => x.Episode.EndedOn is { } end && period.Contains(end)).Select(x => x.Episode).ToList();
        var pathways = patients.SelectMany(p => p.Pathways).ToList();
        var decided = pathways.Where(p => p.DecidedOn is { } on && period.Contains(on)).ToList();
        var states = StatesAtEnd(patients, period);

        var lengths = ended.Select(e => (double)e.LengthDays!.Value).Order().ToList();
        var shownRecipients = SmallNumbers.Count(recipients.Count);
        // Counted in one pass each (a count per group by scanning every recipient again took most of a national request).
        var perSex = recipients.CountBy(p => p.Sex).ToDictionary();
        var perAgeGroup = recipients.CountBy(p => AgeGroups.Of(p.AgeOn(period.To))).ToDictionary();
        var perMunicipality = recipients.CountBy(p => p.MunicipalityId).ToDictionary();
        var bySex = SmallNumbers.Breakdown(Enum.GetValues<LegalSex>().Select(s => (s.ToString(), perSex.GetValueOrDefault(s))), recipients.Count);
        var byAge = SmallNumbers.Breakdown(AgeGroups.All.Select(g => (g, perAgeGroup.GetValueOrDefault(g))), recipients.Count);
        var byMunicipality = SmallNumbers.Breakdown(municipalities.OrderBy(m => m.Label, StringComparer.Ordinal)
            .Select(m => (m.Label, perMunicipality.GetValueOrDefault(m.Id))), recipients.Count);
        return new ActivityFigures(
            period,
            shownRecipients,
            SmallNumbers.Count(started),
            SmallNumbers.Count(ended.Count),
            SmallNumbers.Breakdown(Enum.GetValues<EndReason>().Select(r => (r.ToString(), ended.Count(e => e.EndReason == r))), ended.Count),
            SmallNumbers.Count(pathways.Count(p => period.Contains(p.ReferredOn))),
            SmallNumbers.Count(decided.Count(p => !p.Declined)),
            SmallNumbers.Count(decided.Count(p => p.Declined)),
            SmallNumbers.Count(states.Count),
            SmallNumbers.Breakdown(Enum.GetValues<PathwayState>().Select(s => s.ToString()).Append(WithoutPathway)
                .Select(key => (key, states.Count(s => s == key))), states.Count),
            bySex,
            byAge,
            SmallNumbers.Breakdown(Groups.Select(g => (g.ToString(), recipients.Count(p => p.Diagnoses.HasFlag(g))))
                .Append((NoDiagnosisGroup, recipients.Count(p => p.Diagnoses == DiagnosisGroup.None))), addsUpTo: null),
            byMunicipality,
            SmallNumbers.Number(inPeriod.Sum(x => x.Episode.DaysIn(period)), recipients.Count),
            SmallNumbers.Number(Median(lengths), lengths.Count),
            SmallNumbers.Number(lengths.Count > 0 ? lengths.Average() : null, lengths.Count),
            population is null ? null : ActivityRates.Of(new RecipientCounts(recipients.Count, perSex, perAgeGroup, perMunicipality), municipalities, population, ageGroup,
                new CountTables(shownRecipients, bySex, byAge, byMunicipality)),
            EvaluationFigures.Of(patients, period));
    }

    // Each patient whose pathway was open on some day of the period (referred by its end, not closed before its start),
    // by where the newest such pathway stood at its end; a patient enrolled without any pathway by the period's end is
    // counted apart.
    private static List<string> StatesAtEnd(IEnumerable<PatientFacts> patients, StatisticsPeriod period)
    {
        var states = new List<string>();
        foreach (var patient in patients)
        {
            if (patient.Pathways.Count == 0)
            {
                if (patient.EnrolledOn <= period.To)
                    states.Add(WithoutPathway);
                continue;
            }

            PathwayFacts? newest = null;
            foreach (var pathway in patient.Pathways)
            {
                if (pathway.ReferredOn <= period.To && (pathway.ClosedOn is not { } closed || closed >= period.From))
                    newest = pathway;
            }

            if (newest?.StateAt(period.To) is { } state)
                states.Add(state.ToString());
        }

        return states;
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
