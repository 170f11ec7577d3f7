namespace Varde.Domain.Statistics;

/// <summary>One patient's use of one service in the months before follow-up started and the same number from it.</summary>
public sealed record UseChange(Guid PatientId, Guid MunicipalityId, ServiceUseKind Kind, double Before, double After);

/// <summary>
/// The patients whose window before and after follow-up started is over, and their use of each service in it: the
/// months before the start month, and the same number from it (the start month first). A patient's change for a service
/// is there only when the extract has that service's figure for every month of both (a missing month is never 0).
/// Benefit figures and the cost model are both made from it.
/// </summary>
public sealed record BeforeAndAfter(int Months, IReadOnlyList<Guid> Eligible, IReadOnlyList<UseChange> Changes)
{
    /// <summary>The windows of these patients; <paramref name="today"/> decides which are over.</summary>
    public static BeforeAndAfter Of(IEnumerable<(PatientFacts Facts, IReadOnlyList<ServiceUseMonth> Use)> patients, int months, DateOnly today)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var eligible = new List<Guid>();
        var changes = new List<UseChange>();
        foreach (var (facts, use) in patients)
        {
            if (facts.Episodes().Select(e => (DateOnly?)e.StartedOn).Min() is not { } started)
                continue;
            var start = new DateOnly(started.Year, started.Month, 1);
            if (start.AddMonths(months) > thisMonth)
                continue;
            eligible.Add(facts.PatientId);
            var before = Enumerable.Range(1, months).Select(m => start.AddMonths(-m)).ToList();
            var after = Enumerable.Range(0, months).Select(m => start.AddMonths(m)).ToList();
            foreach (var kind in use.Select(u => u.Kind).Distinct().Order())
            {
                var amounts = use.Where(u => u.Kind == kind).ToDictionary(u => u.Month, u => (double)u.Amount);
                if (before.Concat(after).All(amounts.ContainsKey))
                    changes.Add(new UseChange(facts.PatientId, facts.MunicipalityId, kind, before.Sum(m => amounts[m]), after.Sum(m => amounts[m])));
            }
        }

        return new BeforeAndAfter(months, eligible, changes);
    }
}
