using System.Globalization;
using System.Text.RegularExpressions;

namespace Varde.Domain.Statistics;

/// <summary>
/// Reads a registry extract of service use: CSV with semicolons, one line per person and month, a header naming
/// <c>fodselsnummer</c>, <c>maaned</c> (YYYY-MM) and any of the service columns (<see cref="Columns"/>). An empty cell is
/// "not in the extract"; a number is the month's use (a decimal comma or point for hours and days). Every malformed line
/// is reported and refuses the whole file (docs/statistics.md, "Benefit tracking").
/// </summary>
public static partial class ServiceUseFile
{
    /// <summary>The service columns and what each holds.</summary>
    public static IReadOnlyDictionary<string, ServiceUseKind> Columns { get; } = new Dictionary<string, ServiceUseKind>
    {
        ["innleggelser"] = ServiceUseKind.HospitalAdmissions,
        ["liggedogn"] = ServiceUseKind.BedDays,
        ["akuttbesok"] = ServiceUseKind.EmergencyVisits,
        ["fastlegebesok"] = ServiceUseKind.GpVisits,
        ["legevaktbesok"] = ServiceUseKind.OutOfHoursVisits,
        ["hjemmesykepleie_timer"] = ServiceUseKind.HomeNursingHours,
        ["korttidsopphold_dogn"] = ServiceUseKind.ShortTermInstitutionDays,
    };

    /// <summary>One person's month: the line it is on, the identity number as written, and the amounts given.</summary>
    public sealed record Line(int Number, string IdentityNumber, DateOnly Month, IReadOnlyDictionary<ServiceUseKind, decimal> Amounts);

    /// <summary>A file read: its lines, or the errors (line number and why; never the identity number).</summary>
    public sealed record Read(IReadOnlyList<Line> Lines, IReadOnlyList<PopulationFile.LineError> Errors)
    {
        public bool IsValid => Errors.Count == 0 && Lines.Count > 0;
    }

    public static Read Parse(string text)
    {
        var rows = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = Cells(rows[0]).Select(c => c.ToLowerInvariant()).ToList();
        var person = header.IndexOf("fodselsnummer");
        var month = header.IndexOf("maaned");
        var services = header.Select((name, i) => (name, i)).Where(c => Columns.ContainsKey(c.name)).ToList();
        var unknown = header.Where((name, i) => i != person && i != month && !Columns.ContainsKey(name)).ToList();
        if (person < 0 || month < 0 || services.Count == 0 || unknown.Count > 0)
            return new([], [new(1, $"The header must name fodselsnummer, maaned and at least one of {string.Join(", ", Columns.Keys)}" +
                (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}." : "."))]);

        var lines = new List<Line>();
        var errors = new List<PopulationFile.LineError>();
        var seen = new HashSet<(string, DateOnly)>();
        for (var i = 1; i < rows.Length && errors.Count < PopulationFile.MostErrors; i++)
        {
            if (string.IsNullOrWhiteSpace(rows[i]))
                continue;
            var cells = Cells(rows[i]).ToList();
            var number = i + 1;
            if (cells.Count != header.Count)
            {
                errors.Add(new(number, $"{cells.Count} columns where the header has {header.Count}."));
                continue;
            }

            if (!ElevenDigits().IsMatch(cells[person]))
            {
                errors.Add(new(number, "The identity number is not 11 digits."));
                continue;
            }

            if (!DateOnly.TryParseExact(cells[month] + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                errors.Add(new(number, $"The month '{cells[month]}' is not YYYY-MM."));
                continue;
            }

            var amounts = new Dictionary<ServiceUseKind, decimal>();
            foreach (var (name, column) in services)
            {
                var cell = cells[column];
                if (cell.Length == 0)
                    continue;
                if (!decimal.TryParse(cell.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > 100_000
                    || decimal.Round(amount, 2) != amount)
                    errors.Add(new(number, $"{name}: '{cell}' is not a number from 0 to 100 000 with at most two decimals."));
                else
                    amounts[Columns[name]] = amount;
            }

            if (!seen.Add((cells[person], first)))
                errors.Add(new(number, $"The same person and month ({first:yyyy-MM}) is on an earlier line."));
            else
                lines.Add(new(number, cells[person], first, amounts));
        }

        if (errors.Count == 0 && lines.Count == 0)
            errors.Add(new(2, "The file has no lines after its header."));
        return errors.Count > 0 ? new([], errors) : new(lines, []);
    }

    private static IEnumerable<string> Cells(string line) => line.Split(';').Select(c => c.Trim().Trim('"').Trim());

    [GeneratedRegex(@"^\d{11}$")]
    private static partial Regex ElevenDigits();
}
