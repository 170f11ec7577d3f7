using System.Globalization;
using System.Text;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The activity figures as a CSV file for spreadsheets (Excel in Norwegian opens it as is): UTF-8 with a byte-order
/// mark, semicolons, one line per figure and group, decimal comma. A hidden count is written as ":" (Statistics
/// Norway's sign for a figure not shown for privacy), never as a number. Columns: figure, group, count, per 1,000
/// inhabitants, inhabitants (docs/statistics.md).
/// </summary>
public static class ActivityCsv
{
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string FileName(GetActivity.ActivityReport report) =>
        string.Create(CultureInfo.InvariantCulture, $"varde-aktivitet-{report.Scope}-{report.Figures.Period.From:yyyy-MM-dd}-{report.Figures.Period.To:yyyy-MM-dd}.csv");

    public static byte[] Write(GetActivity.ActivityReport report)
    {
        var f = report.Figures;
        var csv = new StringBuilder();
        void Line(params string?[] cells) => SpreadsheetCsv.Line(csv, cells);
        static string Count(int? value, bool suppressed) => suppressed ? ":" : value?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string Number(double? value, bool suppressed) => suppressed ? ":" : value?.ToString("0.0", Norwegian) ?? "";

        Line("figure", "group", "count", "per1000", "inhabitants");
        Line("scope", $"{report.Scope} {report.Name}".Trim(), "", "", "");
        Line("period", $"{f.Period.From:yyyy-MM-dd}/{f.Period.To:yyyy-MM-dd}", "", "", "");
        Line("ageGroup", report.AgeGroup ?? "all", "", "", "");
        foreach (var (name, shown) in new[] { ("recipients", f.Recipients), ("started", f.Started), ("ended", f.Ended), ("referrals", f.Referrals),
                     ("accepted", f.Accepted), ("declined", f.Declined), ("inPathway", f.InPathway) })
            Line(name, "", Count(shown.Value, shown.Suppressed), "", "");
        foreach (var (name, number) in new[] { ("patientDays", f.PatientDays), ("medianDaysOfEnded", f.MedianDaysOfEnded), ("meanDaysOfEnded", f.MeanDaysOfEnded) })
            Line(name, "", Number(number.Value, number.Suppressed), "", "");
        foreach (var (name, cells) in new[] { ("endedByReason", f.EndedByReason), ("byStateAtEnd", f.ByStateAtEnd), ("recipientsBySex", f.RecipientsBySex),
                     ("recipientsByAgeGroup", f.RecipientsByAgeGroup), ("recipientsByDiagnosisGroup", f.RecipientsByDiagnosisGroup),
                     ("recipientsByMunicipality", f.RecipientsByMunicipality) })
        {
            foreach (var cell in cells)
                Line(name, cell.Key, Count(cell.Value, cell.Suppressed), "", "");
        }

        if (f.Rates is { } rates)
        {
            Line("populationYear", rates.Year.ToString(CultureInfo.InvariantCulture), "", "", rates.Inhabitants.ToString(CultureInfo.InvariantCulture));
            foreach (var (name, list) in new[] { ("ratesOverall", (IReadOnlyList<Rate>)(rates.Overall is { } overall ? [overall] : [])), ("ratesBySex", rates.BySex), ("ratesByAgeGroup", rates.ByAgeGroup),
                         ("ratesByMunicipality", rates.ByMunicipality), ("ratesBySizeGroup", rates.BySizeGroup) })
            {
                foreach (var rate in list)
                    Line(name, rate.Key, "", Number(rate.Per1000, rate.Suppressed), rate.Inhabitants.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var missing in rates.WithoutPopulation)
                Line("withoutPopulation", missing, "", "", "");
        }

        return SpreadsheetCsv.Bytes(csv);
    }
}
