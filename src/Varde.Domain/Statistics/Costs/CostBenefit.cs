namespace Varde.Domain.Statistics.Costs;

/// <summary>
/// One service's use priced: the mean benefit per patient-year in kroner (the fall in use from before to after follow-up
/// started, times the unit cost of the patient's municipality, over a year), with its 95 % interval and the patients
/// behind it. Hidden with 1 to 4 patients.
/// </summary>
public sealed record PricedChange(ServiceUseKind Kind, int? Patients, bool Suppressed, double? BenefitPerPatientYear, double? Low, double? High);

/// <summary>
/// The service's own costs over whole months: their sum, the months without costs entered (then no sum is made: a month
/// missing is not a month that cost nothing), the patient-years it followed, and the cost per patient-year.
/// </summary>
public sealed record ServiceCostFigures(DateOnly FromMonth, DateOnly ToMonth, decimal? Total, IReadOnlyList<DateOnly> MonthsWithoutCosts,
    ShownNumber PatientYears, ShownNumber CostPerPatientYear);

/// <summary>
/// Net cost and benefit per patient-year of a follow-up service: the benefit from the before-and-after figures priced by
/// unit costs, less the service's own cost per patient-year. The interval of the sum is the sum of the intervals' half
/// widths (never narrower than the true one, whatever the correlation between services). Not a controlled comparison
/// (see <see cref="BenefitFigures"/>), and the benefit's patients (whose window is over) are not the cost's months.
/// </summary>
public sealed record CostBenefitFigures(int Months, Shown Eligible, IReadOnlyList<PricedChange> ByKind, IReadOnlyList<ServiceUseKind> NotPriced,
    ShownNumber BenefitPerPatientYear, double? BenefitLow, double? BenefitHigh, ServiceCostFigures Costs, double? NetPerPatientYear, double? NetLow,
    double? NetHigh)
{
    /// <summary>Days in a patient-year.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>
    /// The figures: <paramref name="windows"/> priced by <paramref name="prices"/> (a patient whose municipality has no
    /// price for a service, and no default, is left out of that service; a service priced for nobody is listed as not
    /// priced; 1 to 4 left out hide the service), and the costs of the months <paramref name="fromMonth"/> to
    /// <paramref name="toMonth"/> against the patient-days of <paramref name="patients"/> in them up to <paramref name="today"/>.
    /// </summary>
    public static CostBenefitFigures Of(BeforeAndAfter windows, UnitPrices prices, IReadOnlyList<ServiceCostMonth> costs, DateOnly fromMonth,
        DateOnly toMonth, IReadOnlyList<PatientFacts> patients, DateOnly today)
    {
        var perYear = 12.0 / windows.Months;
        var byKind = new List<PricedChange>();
        var notPriced = new List<ServiceUseKind>();
        foreach (var kind in Enum.GetValues<ServiceUseKind>())
        {
            var changes = windows.Changes.Where(c => c.Kind == kind).ToList();
            var priced = changes.Where(c => prices.For(c.MunicipalityId, kind) is not null)
                .Select(c => (c.Before - c.After) * (double)prices.For(c.MunicipalityId, kind)!.Value * perYear).ToList();
            if (changes.Count > 0 && priced.Count == 0)
                notPriced.Add(kind);
            // The before-and-after figures show how many have the service's figures; the patients left unpriced would be
            // that less these, so 1 to 4 of them hide the service (else their change could be worked out).
            byKind.Add(SmallNumbers.Hides(changes.Count - priced.Count) && priced.Count > 0 ? new(kind, null, true, null, null, null) : Priced(kind, priced));
        }

        var shown = byKind.Where(k => k.BenefitPerPatientYear is not null).ToList();
        var benefit = shown.Count > 0 ? shown.Sum(k => k.BenefitPerPatientYear!.Value) : (double?)null;
        var low = shown.Count > 0 ? benefit - shown.Sum(k => k.BenefitPerPatientYear!.Value - k.Low!.Value) : null;
        var high = shown.Count > 0 ? benefit + shown.Sum(k => k.High!.Value - k.BenefitPerPatientYear!.Value) : null;

        var costFigures = CostsOf(costs, fromMonth, toMonth, patients, today);
        var cost = costFigures.CostPerPatientYear.Value;
        return new CostBenefitFigures(windows.Months, SmallNumbers.Count(windows.Eligible.Count), byKind, notPriced,
            new ShownNumber(Kroner(benefit), false), Kroner(low), Kroner(high), costFigures,
            benefit is not null && cost is not null ? Kroner(benefit - cost) : null,
            low is not null && cost is not null ? Kroner(low - cost) : null,
            high is not null && cost is not null ? Kroner(high - cost) : null);
    }

    private static PricedChange Priced(ServiceUseKind kind, List<double> values)
    {
        if (values.Count < SmallNumbers.Threshold)
            return SmallNumbers.Hides(values.Count) ? new(kind, null, true, null, null, null) : new(kind, 0, false, null, null, null);
        var mean = values.Average();
        var half = BenefitFigures.HalfWidth(values);
        return new(kind, values.Count, false, Kroner(mean), Kroner(mean - half), Kroner(mean + half));
    }

    private static ServiceCostFigures CostsOf(IReadOnlyList<ServiceCostMonth> costs, DateOnly fromMonth, DateOnly toMonth, IReadOnlyList<PatientFacts> patients,
        DateOnly today)
    {
        var months = new List<DateOnly>();
        for (var m = fromMonth; m <= toMonth; m = m.AddMonths(1))
            months.Add(m);
        var entered = costs.Where(c => c.Month >= fromMonth && c.Month <= toMonth).ToDictionary(c => c.Month);
        var missing = months.Where(m => !entered.ContainsKey(m)).ToList();
        decimal? total = missing.Count == 0 ? entered.Values.Sum(c => c.Total) : null;

        // Days not yet lived are not followed: a month still going on counts to today.
        var lastDay = toMonth.AddMonths(1).AddDays(-1);
        var period = new StatisticsPeriod(fromMonth, lastDay < today ? lastDay : today);
        var followed = patients.Where(p => p.Episodes().Any(e => e.Overlaps(period))).ToList();
        var days = followed.Sum(p => p.Episodes().Sum(e => e.DaysIn(period)));
        var patientYears = SmallNumbers.Number(days / DaysPerYear, followed.Count);
        var perYear = total is { } sum && days > 0 && !patientYears.Suppressed ? (double)sum / (days / DaysPerYear) : (double?)null;
        return new ServiceCostFigures(fromMonth, toMonth, total, missing, patientYears,
            patientYears.Suppressed ? new ShownNumber(null, true) : new ShownNumber(Kroner(perYear), false));
    }

    private static double? Kroner(double? value) => value is { } v ? Math.Round(v, 0) : null;
}
