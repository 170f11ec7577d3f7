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
    private static readonly ServiceUseKind[] Kinds = SameKindsInOrder(Enum.GetValues<ServiceUseKind>());

    private static ServiceUseKind[] SameKindsInOrder(ServiceUseKind[] kinds) =>
        kinds.Select((kind, i) => (int)kind == i).All(ok => ok) ? kinds : throw new InvalidOperationException("ServiceUseKind's values must be 0, 1, 2…");

    /// <summary>The windows of these patients; <paramref name="today"/> decides which are over.</summary>
    public static BeforeAndAfter Of(IEnumerable<(PatientFacts Facts, IReadOnlyList<MonthOfUse> Use)> patients, int months, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 31); // a bit for each month of both halves
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var eligible = new List<Guid>();
        var changes = new List<UseChange>();
        // One pass over a patient's months: for each service, which months of the window have a figure (a bit each, the
        // window's earliest month as bit 0) and the sums before and after, in decimal (exact) until the end. A service is
        // found by its value, so ServiceUseKind's values must stay 0, 1, 2… (SameKindsInOrder checks it once).
        var seen = new long[Kinds.Length];
        var before = new decimal[Kinds.Length];
        var after = new decimal[Kinds.Length];
        var everyMonth = (1L << (2 * months)) - 1;
        foreach (var (facts, use) in patients)
        {
            if (facts.FollowedFrom is not { } started)
                continue;
            var start = new DateOnly(started.Year, started.Month, 1);
            if (start.AddMonths(months) > thisMonth)
                continue;
            eligible.Add(facts.PatientId);
            Array.Clear(seen);
            Array.Clear(before);
            Array.Clear(after);
            foreach (var month in use)
            {
                var fromStart = (month.Month.Year - start.Year) * 12 + month.Month.Month - start.Month;
                if (fromStart < -months || fromStart >= months)
                    continue;
                var kind = (int)month.Kind;
                var bit = 1L << (fromStart + months);
                if ((seen[kind] & bit) != 0)
                    throw new ArgumentException($"The month {month.Month:yyyy-MM} of {month.Kind} is given twice for one patient.", nameof(patients));
                seen[kind] |= bit;
                if (fromStart < 0)
                    before[kind] += month.Amount;
                else
                    after[kind] += month.Amount;
            }

            foreach (var kind in Kinds)
            {
                if (seen[(int)kind] == everyMonth)
                    changes.Add(new UseChange(facts.PatientId, facts.MunicipalityId, kind, (double)before[(int)kind], (double)after[(int)kind]));
            }
        }

        return new BeforeAndAfter(months, eligible, changes);
    }
}
