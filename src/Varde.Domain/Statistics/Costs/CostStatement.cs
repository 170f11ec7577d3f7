namespace Varde.Domain.Statistics.Costs;

/// <summary>One municipality's part of a month's costs: what it is shared by (inhabitants, patient-days or per cent), its share in per cent and the amount.</summary>
public sealed record CostStatementLine(Guid MunicipalityId, string Municipality, decimal Basis, decimal Percent, decimal Amount);

/// <summary>What a municipality is shared by, before the split: its inhabitants, its patient-days or its fixed share.</summary>
public sealed record CostBasis(Guid MunicipalityId, string Municipality, decimal Basis);

/// <summary>
/// A follow-up service's costs of one month shared between its municipalities by the agreed key (the monthly statement
/// each municipality is invoiced by). The amounts add up to the month's costs to the øre.
/// </summary>
public sealed record CostStatement(DateOnly Month, CostSharingKey Key, decimal Total, IReadOnlyList<CostStatementLine> Lines)
{
    /// <summary>The statement of a month's <paramref name="total"/> shared by these bases; refused when they are all zero.</summary>
    public static Validated<CostStatement> Of(DateOnly month, CostSharingKey key, decimal total, IReadOnlyList<CostBasis> bases)
    {
        var sum = bases.Sum(b => b.Basis);
        if (sum <= 0)
        {
            return Validated<CostStatement>.Fail("month", key switch
            {
                CostSharingKey.PerPatientDay => "The service followed no patients that month, so there are no patient-days to share the costs by.",
                CostSharingKey.PerInhabitant => "The municipalities have no inhabitants in the population figures.",
                _ => "There is nothing to share the costs by.",
            });
        }

        var amounts = Money.Split(total, [.. bases.Select(b => b.Basis)]);
        return Validated<CostStatement>.Ok(new CostStatement(new DateOnly(month.Year, month.Month, 1), key, total,
            [.. bases.Select((b, i) => new CostStatementLine(b.MunicipalityId, b.Municipality, b.Basis, decimal.Round(b.Basis * 100m / sum, 2), amounts[i]))]));
    }

    /// <summary>The days of a month each municipality's patients were followed (by where they live now); the month's first and last day included.</summary>
    public static IReadOnlyDictionary<Guid, int> PatientDaysByMunicipality(IEnumerable<PatientFacts> patients, DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var period = new StatisticsPeriod(first, first.AddMonths(1).AddDays(-1));
        return patients.GroupBy(p => p.MunicipalityId)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.Episodes().Sum(e => e.DaysIn(period))));
    }
}
