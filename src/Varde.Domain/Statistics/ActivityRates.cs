using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>A municipality the figures break down by: its id, number and name.</summary>
public sealed record MunicipalityInScope(Guid Id, string Number, string Name)
{
    public string Label => $"{Number} {Name}";
}

/// <summary>One year's imported population (1 January), the denominators of the rates.</summary>
public sealed record PopulationYear(int Year, IReadOnlyCollection<PopulationCount> Counts);

/// <summary>Recipients per 1,000 inhabitants of a group, and the inhabitants behind it; hidden when its count is.</summary>
public sealed record Rate(string Key, double? Per1000, long Inhabitants, bool Suppressed);

/// <summary>
/// Recipients per 1,000 inhabitants, as the directorate reports them: overall, by sex, by age group, by municipality
/// and by the municipalities' size group, from the population on 1 January of <see cref="Year"/>. A rate is hidden
/// wherever the count behind it is hidden in the count tables (rate × inhabitants would tell it), and a size group
/// wherever one of its municipalities is. When a municipality of the scope has no population that year it is listed in
/// <see cref="WithoutPopulation"/>, and only the per-municipality rates are given (the others would let its count be
/// worked out).
/// </summary>
public sealed record ActivityRates(
    int Year,
    long Inhabitants,
    IReadOnlyList<string> WithoutPopulation,
    Rate? Overall,
    IReadOnlyList<Rate> BySex,
    IReadOnlyList<Rate> ByAgeGroup,
    IReadOnlyList<Rate> ByMunicipality,
    IReadOnlyList<Cell> RecipientsBySizeGroup,
    IReadOnlyList<Rate> BySizeGroup)
{
    /// <summary>
    /// The rates of these recipients (each counted once) among the inhabitants of the municipalities, hidden as the
    /// count tables made from the same recipients are (<paramref name="counts"/>).
    /// </summary>
    public static ActivityRates Of(RecipientCounts recipients, IReadOnlyList<MunicipalityInScope> municipalities, PopulationYear population,
        string? ageGroup, CountTables counts)
    {
        var counted = population.Counts.Select(c => c.MunicipalityNumber).ToHashSet(StringComparer.Ordinal);
        var withPopulation = municipalities.Where(m => counted.Contains(m.Number)).ToList();
        var numbers = withPopulation.Select(m => m.Number).ToHashSet(StringComparer.Ordinal);
        var all = population.Counts.Where(c => numbers.Contains(c.MunicipalityNumber)).ToList();
        // A municipality's size group is by all its inhabitants; the denominators are of the age group asked for, if any.
        var sizeGroupOf = all.GroupBy(c => c.MunicipalityNumber)
            .ToDictionary(g => g.Key, g => MunicipalitySizeGroups.Of(g.Key, g.Sum(c => (long)c.Count)), StringComparer.Ordinal);
        var inhabitants = ageGroup is null ? all : [.. all.Where(c => c.AgeGroup == ageGroup)];
        long Living(Func<PopulationCount, bool> where) => inhabitants.Where(where).Sum(c => (long)c.Count);
        var withoutPopulation = municipalities.Where(m => !counted.Contains(m.Number)).Select(m => m.Label).Order(StringComparer.Ordinal).ToList();
        var byMunicipality = withPopulation.OrderBy(m => m.Label, StringComparer.Ordinal)
            .Select(m => RateOf(m.Label, recipients.ByMunicipality.GetValueOrDefault(m.Id), Living(c => c.MunicipalityNumber == m.Number), Hidden(counts.ByMunicipality, m.Label)))
            .ToList();
        if (withoutPopulation.Count > 0)
            return new ActivityRates(population.Year, Living(_ => true), withoutPopulation, null, [], [], byMunicipality, [], []);

        var numberOf = withPopulation.ToDictionary(m => m.Id, m => m.Number);
        var labelOf = withPopulation.ToDictionary(m => m.Number, m => m.Label, StringComparer.Ordinal);
        // A size group is hidden where one of its municipalities' counts is, so the two tables cannot be subtracted.
        var sizeGroups = SmallNumbers.Breakdown(MunicipalitySizeGroups.All.Select(g => (g, recipients.ByMunicipality
                .Where(m => numberOf.TryGetValue(m.Key, out var n) && sizeGroupOf[n] == g).Sum(m => m.Value))),
            recipients.All, g => sizeGroupOf.Any(m => m.Value == g && Hidden(counts.ByMunicipality, labelOf[m.Key])));
        return new ActivityRates(
            population.Year,
            Living(_ => true),
            [],
            RateOf("All", recipients.All, Living(_ => true), counts.Recipients.Suppressed),
            [.. Enum.GetValues<LegalSex>().Select(s => RateOf(s.ToString(), recipients.BySex.GetValueOrDefault(s), Living(c => c.Sex == s), Hidden(counts.BySex, s.ToString())))],
            [.. AgeGroups.All.Select(g => RateOf(g, recipients.ByAgeGroup.GetValueOrDefault(g), Living(c => c.AgeGroup == g), Hidden(counts.ByAgeGroup, g)))],
            byMunicipality,
            sizeGroups,
            [.. sizeGroups.Select(cell => RateOf(cell.Key, cell.Value ?? 0, Living(c => sizeGroupOf[c.MunicipalityNumber] == cell.Key), cell.Suppressed))]);
    }

    private static bool Hidden(IReadOnlyList<Cell> cells, string key) => cells.FirstOrDefault(c => c.Key == key)?.Suppressed ?? true;

    private static Rate RateOf(string key, int recipients, long inhabitants, bool suppressed) =>
        suppressed || inhabitants == 0 ? new(key, null, inhabitants, suppressed) : new(key, Math.Round(1000.0 * recipients / inhabitants, 1), inhabitants, false);
}

/// <summary>The recipients counted: all, by sex, by age group (on the period's last day) and by municipality.</summary>
public sealed record RecipientCounts(int All, IReadOnlyDictionary<LegalSex, int> BySex, IReadOnlyDictionary<string, int> ByAgeGroup,
    IReadOnlyDictionary<Guid, int> ByMunicipality);

/// <summary>The count tables the rates take their suppression from.</summary>
public sealed record CountTables(Shown Recipients, IReadOnlyList<Cell> BySex, IReadOnlyList<Cell> ByAgeGroup, IReadOnlyList<Cell> ByMunicipality);

/// <summary>
/// The directorate's municipality size groups by inhabitants (Helsedirektoratet's status report 2023): G1 under
/// 2,000; G2 2,000–4,999; G3 5,000–19,999; G4 20,000–49,999; G5 50,000–99,999; G6 100,000–199,999; G7 200,000 and
/// more; G8 Oslo (0301).
/// </summary>
public static class MunicipalitySizeGroups
{
    public static IReadOnlyList<string> All { get; } = ["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"];

    public static string Of(string municipalityNumber, long inhabitants) => municipalityNumber == "0301" ? "G8" : inhabitants switch
    {
        < 2_000 => "G1",
        < 5_000 => "G2",
        < 20_000 => "G3",
        < 50_000 => "G4",
        < 100_000 => "G5",
        < 200_000 => "G6",
        _ => "G7",
    };
}
