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
/// and by the municipalities' size group, from the population on 1 January of <see cref="Year"/>. Municipalities with
/// no population that year are listed in <see cref="WithoutPopulation"/> and left out of every rate (their recipients too).
/// A rate is hidden where the count behind it is (<see cref="SmallNumbers"/>), since rate × inhabitants would tell it.
/// </summary>
public sealed record ActivityRates(
    int Year,
    long Inhabitants,
    IReadOnlyList<string> WithoutPopulation,
    Rate Overall,
    IReadOnlyList<Rate> BySex,
    IReadOnlyList<Rate> ByAgeGroup,
    IReadOnlyList<Rate> ByMunicipality,
    IReadOnlyList<Cell> RecipientsBySizeGroup,
    IReadOnlyList<Rate> BySizeGroup)
{
    /// <summary>
    /// The rates of these recipients (each counted once) among the inhabitants of the municipalities; ages on
    /// <paramref name="ageOn"/> (the period's last day, as the counts by age group).
    /// </summary>
    public static ActivityRates Of(IReadOnlyCollection<PatientFacts> recipients, IReadOnlyList<MunicipalityInScope> municipalities, PopulationYear population,
        DateOnly ageOn, string? ageGroup = null)
    {
        var counted = population.Counts.Select(c => c.MunicipalityNumber).ToHashSet(StringComparer.Ordinal);
        var withPopulation = municipalities.Where(m => counted.Contains(m.Number)).ToList();
        var numbers = withPopulation.Select(m => m.Number).ToHashSet(StringComparer.Ordinal);
        var all = population.Counts.Where(c => numbers.Contains(c.MunicipalityNumber)).ToList();
        // A municipality's size group is by all its inhabitants; the denominators are of the age group asked for, if any.
        var sizeGroupOf = all.GroupBy(c => c.MunicipalityNumber)
            .ToDictionary(g => g.Key, g => MunicipalitySizeGroups.Of(g.Key, g.Sum(c => (long)c.Count)), StringComparer.Ordinal);
        var counts = ageGroup is null ? all : [.. all.Where(c => c.AgeGroup == ageGroup)];
        var numberOf = withPopulation.ToDictionary(m => m.Id, m => m.Number);
        var people = recipients.Where(p => numberOf.ContainsKey(p.MunicipalityId)).ToList();
        var totals = counts.GroupBy(c => c.MunicipalityNumber).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Count), StringComparer.Ordinal);

        IReadOnlyList<Rate> Rates(IEnumerable<(string Key, Func<PatientFacts, bool> Counts, Func<PopulationCount, bool> Lives)> groups)
        {
            var list = groups.ToList();
            var cells = SmallNumbers.Breakdown(list.Select(g => (g.Key, people.Count(g.Counts))), people.Count);
            return [.. list.Zip(cells, (g, cell) => RateOf(g.Key, people.Count(g.Counts), counts.Where(g.Lives).Sum(c => (long)c.Count), cell.Suppressed))];
        }

        var bySizeGroup = MunicipalitySizeGroups.All.Select(g => (Key: g, Counts: (Func<PatientFacts, bool>)(p => sizeGroupOf[numberOf[p.MunicipalityId]] == g),
            Lives: (Func<PopulationCount, bool>)(c => sizeGroupOf[c.MunicipalityNumber] == g))).ToList();
        return new ActivityRates(
            population.Year,
            totals.Values.Sum(),
            [.. municipalities.Where(m => !counted.Contains(m.Number)).Select(m => m.Label).Order(StringComparer.Ordinal)],
            RateOf("All", people.Count, totals.Values.Sum(), SmallNumbers.Hides(people.Count)),
            Rates(Enum.GetValues<LegalSex>().Select(s => (s.ToString(), (Func<PatientFacts, bool>)(p => p.Sex == s), (Func<PopulationCount, bool>)(c => c.Sex == s)))),
            Rates(AgeGroups.All.Select(g => (g, (Func<PatientFacts, bool>)(p => AgeGroups.Of(p.AgeOn(ageOn)) == g), (Func<PopulationCount, bool>)(c => c.AgeGroup == g)))),
            Rates(withPopulation.OrderBy(m => m.Label, StringComparer.Ordinal).Select(m => (m.Label, (Func<PatientFacts, bool>)(p => p.MunicipalityId == m.Id),
                (Func<PopulationCount, bool>)(c => c.MunicipalityNumber == m.Number)))),
            SmallNumbers.Breakdown(bySizeGroup.Select(g => (g.Key, people.Count(g.Counts))), people.Count),
            Rates(bySizeGroup));
    }

    private static Rate RateOf(string key, int recipients, long inhabitants, bool suppressed) =>
        suppressed || inhabitants == 0 ? new(key, null, inhabitants, suppressed) : new(key, Math.Round(1000.0 * recipients / inhabitants, 1), inhabitants, false);
}

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
