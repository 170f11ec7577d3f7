namespace Varde.Domain.Statistics;

/// <summary>
/// The change in one service's use from the months before a patient's follow-up started to the same number of months
/// after (the start month first): the patients behind it (those with the extract's figure for every month of both),
/// the mean per patient before and after, and the mean change with its 95 % confidence interval (a paired t interval).
/// Hidden with 1 to 4 patients; with none there is nothing to show.
/// </summary>
public sealed record BenefitFigure(ServiceUseKind Kind, int? Patients, bool Suppressed, double? MeanBefore, double? MeanAfter, double? MeanChange,
    double? ChangeLow, double? ChangeHigh);

/// <summary>
/// Before and after follow-up (gevinstrealisering) for a scope's patients: for each patient whose follow-up started at
/// least <see cref="Months"/> whole months before this month, the use of each service in the months before the start
/// and the months from it. <b>Not a controlled comparison:</b> patients are often taken on after a bad spell, so some
/// fall would come anyway (regression to the mean), and nothing is compared with patients not followed up.
/// </summary>
public sealed record BenefitFigures(int Months, Shown Eligible, IReadOnlyList<BenefitFigure> ByKind)
{
    /// <summary>The windows offered: six and twelve months.</summary>
    public static IReadOnlyList<int> Windows { get; } = [6, 12];

    /// <summary>The figures of these patients; <paramref name="today"/> decides which windows are over.</summary>
    public static BenefitFigures Of(IEnumerable<(PatientFacts Facts, IReadOnlyList<MonthOfUse> Use)> patients, int months, DateOnly today)
    {
        var windows = BeforeAndAfter.Of(patients, months, today);
        var byKind = Enum.GetValues<ServiceUseKind>()
            .Select(kind => Figure(kind, [.. windows.Changes.Where(c => c.Kind == kind).Select(c => (c.Before, c.After))]))
            .ToList();
        return new BenefitFigures(months, SmallNumbers.Count(windows.Eligible.Count), byKind);
    }

    private static BenefitFigure Figure(ServiceUseKind kind, List<(double Before, double After)> pairs)
    {
        if (pairs.Count < SmallNumbers.Threshold)
            return SmallNumbers.Hides(pairs.Count) ? new(kind, null, true, null, null, null, null, null) : new(kind, 0, false, null, null, null, null, null);
        var changes = pairs.Select(p => p.After - p.Before).ToList();
        var mean = changes.Average();
        var half = HalfWidth(changes);
        return new(kind, pairs.Count, false, Round(pairs.Average(p => p.Before)), Round(pairs.Average(p => p.After)), Round(mean), Round(mean - half), Round(mean + half));
    }

    private static double Round(double value) => Math.Round(value, 2);

    /// <summary>The half width of the 95 % interval of the mean of these values (a t interval); at least two values.</summary>
    internal static double HalfWidth(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(c => (c - mean) * (c - mean)) / (values.Count - 1));
        return TCritical(values.Count - 1) * sd / Math.Sqrt(values.Count);
    }

    // The two-sided 95 % critical value of Student's t: exact up to 10 degrees of freedom, then the value at the smallest
    // degrees of freedom of each band (so the interval is never narrower than it should be).
    private static double TCritical(int df) => df switch
    {
        <= 4 => 2.776,
        5 => 2.571,
        6 => 2.447,
        7 => 2.365,
        8 => 2.306,
        9 => 2.262,
        10 => 2.228,
        <= 12 => 2.201,
        <= 15 => 2.160,
        <= 20 => 2.120,
        <= 25 => 2.080,
        <= 30 => 2.056,
        <= 40 => 2.040,
        <= 60 => 2.020,
        <= 120 => 2.000,
        _ => 1.980,
    };
}
