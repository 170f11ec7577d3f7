using System.Globalization;
using System.Text;
using Varde.Server.Features.Statistics;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// A round's survey figures as a CSV file for spreadsheets (as the activity file: UTF-8 with a byte-order mark,
/// semicolons, decimal comma, a hidden figure as ":"), the same figures the JSON and the screen give, hidden where they
/// are (k = 10 over the whole breakdown). First lines: the survey, round, scope and filters; then one line per answer
/// option: question, option, count, percent; a question's mean on its own line (docs/statistics.md).
/// </summary>
public static class SurveyCsv
{
    private const string Hidden = ":";
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string FileName(GetSurveyFigures.SurveyReport report) =>
        $"varde-brukerundersokelse-{report.Questionnaire}-{report.Round}-{report.Scope}.csv";

    public static byte[] Write(GetSurveyFigures.SurveyReport report)
    {
        var csv = new StringBuilder();
        SpreadsheetCsv.Line(csv, "survey", report.TitleNb);
        SpreadsheetCsv.Line(csv, "round", $"{report.Round} ({report.Months} months, to {report.RoundEnds:yyyy-MM-dd})");
        SpreadsheetCsv.Line(csv, "scope", $"{report.Scope} {report.Name}");
        SpreadsheetCsv.Line(csv, "filters", string.Join(", ", new[] { report.AgeGroup, report.Sex?.ToString(), report.Respondent?.ToString() }.OfType<string>()));
        SpreadsheetCsv.Line(csv, "answers", report.Figures.Hidden is { } hidden ? $"{Hidden} ({hidden})" : Count(report.Figures.Answers));
        SpreadsheetCsv.Line(csv, "question", "option", "count", "percent");
        foreach (var item in report.Figures.Items)
        {
            if (item.Hidden is { } why)
            {
                SpreadsheetCsv.Line(csv, item.TextNb, $"({why})", Hidden, Hidden);
                continue;
            }

            SpreadsheetCsv.Line(csv, item.TextNb, "(answered)", Count(item.Answered), "");
            foreach (var option in item.Options)
                SpreadsheetCsv.Line(csv, item.TextNb, option.TextNb, Count(option.Count), (100 * option.Share).ToString("0.0", Norwegian));
            if (item.Mean is { } mean)
                SpreadsheetCsv.Line(csv, item.TextNb, "(mean)", "", mean.ToString("0.00", Norwegian));
        }

        return SpreadsheetCsv.Bytes(csv);
    }

    private static string Count(int? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "";
}
