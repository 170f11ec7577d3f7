namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// Reads the staff import file: a header row, then one staff member a row. Separator ';' or ',' (whichever the header
/// uses), fields may be quoted ("…", with "" for a quote); columns by their header name in bokmål or English, in any order.
/// </summary>
public static class StaffCsv
{
    public static readonly IReadOnlyDictionary<string, string> Columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["navn"] = "name", ["name"] = "name",
        ["rolle"] = "role", ["role"] = "role",
        ["organisasjon"] = "organisation", ["organisation"] = "organisation", ["organization"] = "organisation",
        ["hpr"] = "hprNumber", ["hpr-nummer"] = "hprNumber", ["hprnumber"] = "hprNumber",
        ["brukernavn"] = "userName", ["username"] = "userName",
    };

    private static readonly string[] Required = ["name", "role", "organisation", "userName"];

    public sealed record Row(int Number, IReadOnlyDictionary<string, string> Fields);

    /// <summary>The rows (numbered as lines in a spreadsheet: the header is row 1), or the header's problem.</summary>
    public static (IReadOnlyList<Row> Rows, string? HeaderProblem) Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
            return ([], "The file is empty: the first row names the columns (navn;rolle;organisasjon;hpr;brukernavn).");
        var separator = lines[0].Count(c => c == ';') >= lines[0].Count(c => c == ',') ? ';' : ',';
        var header = Split(lines[0].TrimStart('\uFEFF'), separator).Select(h => Columns.GetValueOrDefault(h.Trim())).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            return ([], "The first row must name the columns navn, rolle, organisasjon, hpr and brukernavn; missing: " + string.Join(", ", missing) + ".");

        var rows = new List<Row>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var values = Split(lines[i], separator);
            var fields = new Dictionary<string, string>();
            for (var c = 0; c < header.Count && c < values.Count; c++)
            {
                if (header[c] is { } column)
                    fields[column] = values[c].Trim();
            }

            rows.Add(new Row(i + 1, fields));
        }

        return (rows, null);
    }

    private static List<string> Split(string line, char separator)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        values.Add(current.ToString());
        return values;
    }
}
