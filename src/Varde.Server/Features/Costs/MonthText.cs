using System.Globalization;

namespace Varde.Server.Features.Costs;

/// <summary>A calendar month as the cost endpoints take it: YYYY-MM (2026-10), as its first day.</summary>
public static class MonthText
{
    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000 ? month : null;

    public static string Format(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
