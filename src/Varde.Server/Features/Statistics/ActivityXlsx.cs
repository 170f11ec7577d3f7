using System.Globalization;
using MiniExcelLibs;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The activity figures as an Excel workbook: a sheet "Tall" with the lines of <see cref="ActivityTable"/> (numbers as
/// numbers, a hidden figure as the text ":", never its number) and a sheet "Om" saying what they are and how small
/// numbers are hidden. Text is written as text, never as a formula.
/// </summary>
public static class ActivityXlsx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string FileName(GetActivity.ActivityReport report) => ActivityTable.FileName(report, "xlsx");

    public static byte[] Write(GetActivity.ActivityReport report)
    {
        var figures = ActivityTable.Rows(report).Select(row => new Dictionary<string, object?>
        {
            ["figure"] = row.Figure,
            ["group"] = row.Group,
            ["count"] = row.Count,
            ["per1000"] = row.Per1000,
            ["inhabitants"] = row.Inhabitants,
        }).ToList();
        var about = new List<Dictionary<string, object?>>
        {
            new() { ["key"] = "scope", ["value"] = $"{report.Scope} {report.Name}".Trim() },
            new() { ["key"] = "period", ["value"] = string.Create(CultureInfo.InvariantCulture, $"{report.Figures.Period.From:yyyy-MM-dd}/{report.Figures.Period.To:yyyy-MM-dd}") },
            new() { ["key"] = "ageGroup", ["value"] = report.AgeGroup ?? "all" },
            new() { ["key"] = "smallestShown", ["value"] = report.SmallestShown },
            new() { ["key"] = "hidden", ["value"] = $"\"{ActivityTable.Hidden}\": counts from 1 to {report.SmallestShown - 1} and the cells that would tell them are hidden (docs/statistics.md)" },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Tall"] = figures, ["Om"] = about }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
