using System.Globalization;
using System.Text.RegularExpressions;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;

namespace Varde.Domain.Statistics;

/// <summary>
/// Reads Statistics Norway's table 07459 (population by region, sex, age and year) as its Statbank saves it as CSV
/// with semicolons: a header line naming <c>region</c>, <c>kjønn</c>, <c>alder</c> and <c>år</c>, the count in the last
/// column; lines before the header (a title) are skipped. A region is a municipality number with its name
/// ("3901 Horten", also "K-3901 Horten"); sex is "Menn" or "Kvinner" (or 1 and 2); age is "0 år" … "105 år eller eldre".
/// Ages are summed into <see cref="AgeGroups"/>. Any wrong line refuses the whole file, with every line's error
/// (docs/statistics.md).
/// </summary>
public static partial class PopulationFile
{
    /// <summary>The most line errors reported for one file.</summary>
    public const int MostErrors = 50;

    /// <summary>One wrong line: its number (the first is 1) and why.</summary>
    public sealed record LineError(int Line, string Message);

    /// <summary>A file read: its counts by municipality, year, sex and age group, or its errors.</summary>
    public sealed record Read(IReadOnlyList<PopulationCount> Counts, IReadOnlyList<LineError> Errors)
    {
        public bool IsValid => Errors.Count == 0 && Counts.Count > 0;
    }

    public static Read Parse(string text)
    {
        var errors = new List<LineError>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var headerAt = Array.FindIndex(lines, l => Columns(l).Select(Name).Contains("region"));
        if (headerAt < 0)
            return new([], [new(1, "No header line naming the columns region, kjønn, alder and år (table 07459 saved as CSV with semicolons).")]);
        var header = Columns(lines[headerAt]).Select(Name).ToList();
        int Column(string name) => header.IndexOf(name);
        var (region, sex, age, year) = (Column("region"), Column("kjønn"), Column("alder"), Column("år"));
        if (sex < 0 || age < 0 || year < 0)
            return new([], [new(headerAt + 1, "The header must name region, kjønn, alder and år; the count is the last column.")]);

        var sums = new Dictionary<(string, int, LegalSex, string), int>();
        var seen = new HashSet<(string, int, LegalSex, int)>();
        for (var i = headerAt + 1; i < lines.Length && errors.Count < MostErrors; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var cells = Columns(lines[i]).ToList();
            if (cells.Count != header.Count)
            {
                errors.Add(new(i + 1, $"{cells.Count} columns where the header has {header.Count}."));
                continue;
            }

            var error = Row(cells[region], cells[sex], cells[age], cells[year], cells[^1], out var row);
            if (error is not null)
                errors.Add(new(i + 1, error));
            else if (!seen.Add((row.Number, row.Year, row.Sex, row.Age)))
                errors.Add(new(i + 1, $"{row.Number}, {row.Sex}, age {row.Age}, {row.Year} is given twice."));
            else
                sums[(row.Number, row.Year, row.Sex, AgeGroups.Of(row.Age))] = sums.GetValueOrDefault((row.Number, row.Year, row.Sex, AgeGroups.Of(row.Age))) + row.Count;
        }

        if (errors.Count == 0 && sums.Count == 0)
            errors.Add(new(headerAt + 2, "The file has no figures after its header."));
        return errors.Count > 0 ? new([], errors) : new([.. sums.Select(s => new PopulationCount(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Key.Item4, s.Value))], []);
    }

    private readonly record struct RowValues(string Number, int Year, LegalSex Sex, int Age, int Count);

    private static string? Row(string region, string sex, string age, string year, string count, out RowValues row)
    {
        row = default;
        if (RegionNumber().Match(region) is not { Success: true } number)
            return $"The region '{region}' does not start with a municipality number.";
        if (!MunicipalityNumbers.IsOfficial(number.Groups[1].Value))
            return $"{number.Groups[1].Value} is not one of the {MunicipalityNumbers.Year} municipality numbers.";
        LegalSex? legalSex = sex.Trim().ToLowerInvariant() switch
        {
            "menn" or "mann" or "1" => LegalSex.Male,
            "kvinner" or "kvinne" or "2" => LegalSex.Female,
            _ => null,
        };
        if (legalSex is null)
            return $"The sex '{sex}' is neither Menn nor Kvinner.";
        if (LeadingNumber().Match(age) is not { Success: true } years || !int.TryParse(years.Value, CultureInfo.InvariantCulture, out var ageYears) || ageYears > 130)
            return $"The age '{age}' is not a number of years.";
        if (!int.TryParse(year.Trim(), CultureInfo.InvariantCulture, out var y) || y is < 1900 or > 2200)
            return $"The year '{year}' is not a year.";
        if (!int.TryParse(count.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var people))
            return $"The count '{count}' is not a whole number of people (SSB's '.' and '..' mean the figure is missing).";
        row = new(number.Groups[1].Value, y, legalSex.Value, ageYears, people);
        return null;
    }

    private static IEnumerable<string> Columns(string line) => line.Split(';').Select(c => c.Trim().Trim('"').Trim());

    private static string Name(string column) => column.ToLowerInvariant();

    [GeneratedRegex(@"^(?:K-)?(\d{4})\b")]
    private static partial Regex RegionNumber();

    [GeneratedRegex(@"^\s*\d+")]
    private static partial Regex LeadingNumber();
}
