using System.Globalization;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// One line of the activity figures as a file holds them: the figure, the group, and a count, a rate per 1,000 or the
/// inhabitants behind it. A value is a number, <see cref="ActivityTable.Hidden"/> (a figure not shown for privacy), text
/// (the scope, the period) or null (empty).
/// </summary>
public sealed record ActivityRow(string Figure, string Group, object? Count, object? Per1000, object? Inhabitants);

/// <summary>
/// The activity figures as the lines of a table, the same for the CSV file and the Excel workbook: the scope, period and
/// age group first, then every count, number, breakdown and rate (docs/statistics.md). A hidden figure is ":",
/// Statistics Norway's sign for a figure not shown for privacy; never its number.
/// </summary>
public static class ActivityTable
{
    /// <summary>What a hidden figure is written as.</summary>
    public const string Hidden = ":";

    public static string FileName(GetActivity.ActivityReport report, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"varde-aktivitet-{report.Scope}-{report.Figures.Period.From:yyyy-MM-dd}-{report.Figures.Period.To:yyyy-MM-dd}.{extension}");

    public static IReadOnlyList<ActivityRow> Rows(GetActivity.ActivityReport report)
    {
        var f = report.Figures;
        var rows = new List<ActivityRow>
        {
            new("scope", $"{report.Scope} {report.Name}".Trim(), null, null, null),
            new("period", string.Create(CultureInfo.InvariantCulture, $"{f.Period.From:yyyy-MM-dd}/{f.Period.To:yyyy-MM-dd}"), null, null, null),
            new("ageGroup", report.AgeGroup ?? "all", null, null, null),
        };
        static object? Count(int? value, bool suppressed) => suppressed ? Hidden : value;
        static object? Number(double? value, bool suppressed) => suppressed ? Hidden : value;

        foreach (var (name, shown) in new[] { ("recipients", f.Recipients), ("started", f.Started), ("ended", f.Ended), ("referrals", f.Referrals),
                     ("accepted", f.Accepted), ("declined", f.Declined), ("inPathway", f.InPathway) })
            rows.Add(new(name, "", Count(shown.Value, shown.Suppressed), null, null));
        foreach (var (name, number) in new[] { ("patientDays", f.PatientDays), ("medianDaysOfEnded", f.MedianDaysOfEnded), ("meanDaysOfEnded", f.MeanDaysOfEnded) })
            rows.Add(new(name, "", Number(number.Value, number.Suppressed), null, null));
        foreach (var (name, cells) in new[] { ("endedByReason", f.EndedByReason), ("byStateAtEnd", f.ByStateAtEnd), ("recipientsBySex", f.RecipientsBySex),
                     ("recipientsByAgeGroup", f.RecipientsByAgeGroup), ("recipientsByDiagnosisGroup", f.RecipientsByDiagnosisGroup),
                     ("recipientsByMunicipality", f.RecipientsByMunicipality) })
            rows.AddRange(cells.Select(cell => new ActivityRow(name, cell.Key, Count(cell.Value, cell.Suppressed), null, null)));

        var evaluations = f.Evaluations;
        rows.Add(new("evaluationsHeld", "", Count(evaluations.Held.Value, evaluations.Held.Suppressed), null, null));
        foreach (var (name, cells) in new[] { ("evaluationsByGoals", evaluations.ByGoals), ("evaluationsBySelfManagement", evaluations.BySelfManagement) })
            rows.AddRange(cells.Select(cell => new ActivityRow(name, cell.Key, Count(cell.Value, cell.Suppressed), null, null)));
        foreach (var (name, number) in new[] { ("evaluationsPercentFeelsSafer", evaluations.PercentFeelsSafer), ("evaluationsPercentReportsWithoutHelp", evaluations.PercentReportsWithoutHelp) })
            rows.Add(new(name, "", Number(number.Value, number.Suppressed), null, null));

        if (f.Rates is { } rates)
        {
            rows.Add(new("populationYear", rates.Year.ToString(CultureInfo.InvariantCulture), null, null, rates.Inhabitants));
            foreach (var (name, list) in new[] { ("ratesOverall", (IReadOnlyList<Rate>)(rates.Overall is { } overall ? [overall] : [])), ("ratesBySex", rates.BySex),
                         ("ratesByAgeGroup", rates.ByAgeGroup), ("ratesByMunicipality", rates.ByMunicipality), ("ratesBySizeGroup", rates.BySizeGroup) })
                rows.AddRange(list.Select(rate => new ActivityRow(name, rate.Key, null, Number(rate.Per1000, rate.Suppressed), rate.Inhabitants)));
            rows.AddRange(rates.WithoutPopulation.Select(missing => new ActivityRow("withoutPopulation", missing, null, null, null)));
        }

        return rows;
    }
}
