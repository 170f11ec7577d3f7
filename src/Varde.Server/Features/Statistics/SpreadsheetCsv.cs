using System.Text;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// CSV for Norwegian spreadsheets: semicolons, CRLF, UTF-8 with a byte-order mark (Excel then reads æøå right). A cell
/// is quoted when it holds a separator, a quote or a line break, and one starting with =, +, - or @ gets a ' in front, so
/// a spreadsheet never takes a name for a formula.
/// </summary>
public static class SpreadsheetCsv
{
    public static void Line(StringBuilder csv, params string?[] cells) => csv.Append(string.Join(';', cells.Select(Quote))).Append("\r\n");

    public static byte[] Bytes(StringBuilder csv) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];

    public static string Quote(string? cell)
    {
        var text = cell ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
            text = "'" + text;
        return text.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
