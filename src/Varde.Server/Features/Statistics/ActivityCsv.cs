using System.Globalization;
using System.Text;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The activity figures as a CSV file for spreadsheets (Excel in Norwegian opens it as is): the lines of
/// <see cref="ActivityTable"/>, UTF-8 with a byte-order mark, semicolons, decimal comma, a hidden figure as ":".
/// Columns: figure, group, count, per 1,000 inhabitants, inhabitants (docs/statistics.md).
/// </summary>
public static class ActivityCsv
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string FileName(GetActivity.ActivityReport report) => ActivityTable.FileName(report, "csv");

    public static byte[] Write(GetActivity.ActivityReport report)
    {
        var csv = new StringBuilder();
        SpreadsheetCsv.Line(csv, "figure", "group", "count", "per1000", "inhabitants");
        foreach (var row in ActivityTable.Rows(report))
            SpreadsheetCsv.Line(csv, row.Figure, row.Group, Text(row.Count), Text(row.Per1000), Text(row.Inhabitants));
        return SpreadsheetCsv.Bytes(csv);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double number => number.ToString("0.0", Norwegian),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
