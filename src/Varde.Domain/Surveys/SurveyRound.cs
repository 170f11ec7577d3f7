using System.Globalization;

namespace Varde.Domain.Surveys;

/// <summary>
/// One round of a user survey: a calendar period of <see cref="Months"/> months (3, 4 or 6, so rounds are quarters,
/// thirds or halves of a year) starting on the first of <see cref="Start"/>'s month. A respondent is asked at most once
/// a round, so a round's answers are its respondents; its figures are shown only once it has closed, so that no answer
/// can be told apart by when it came (docs/statistics.md, "User survey").
/// </summary>
public readonly record struct SurveyRound(DateOnly Start, int Months)
{
    public static IReadOnlyList<int> Lengths { get; } = [3, 4, 6];

    /// <summary>The last day of the round.</summary>
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    /// <summary>
    /// Whether the round's figures may be shown on <paramref name="today"/>: a whole day after its last, so that an answer
    /// sent just before midnight (or checked by a server whose clock is a little behind) is in before anyone looks.
    /// </summary>
    public bool IsClosedOn(DateOnly today) => End.AddDays(1) < today;

    /// <summary>The round of <paramref name="months"/> months that <paramref name="day"/> falls in.</summary>
    public static SurveyRound Of(DateOnly day, int months) =>
        Lengths.Contains(months) ? new(new DateOnly(day.Year, (day.Month - 1) / months * months + 1, 1), months)
            : throw new ArgumentOutOfRangeException(nameof(months), months, "A round is 3, 4 or 6 months.");

    /// <summary>Reads "2026-07" (the first month) and a length; refused when the month does not start a round of that length.</summary>
    public static Validated<SurveyRound> Parse(string? firstMonth, int? months)
    {
        if (months is not { } length || !Lengths.Contains(length))
            return Validated<SurveyRound>.Fail("months", "A survey round is 3, 4 or 6 months.");
        if (!DateOnly.TryParseExact($"{firstMonth}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            return Validated<SurveyRound>.Fail("round", "Give the round's first month as YYYY-MM.");
        if ((start.Month - 1) % length != 0)
            return Validated<SurveyRound>.Fail("round", $"A round of {length} months starts in month {string.Join(", ", Enumerable.Range(0, 12 / length).Select(i => i * length + 1))}.");
        return Validated<SurveyRound>.Ok(new(start, length));
    }

    /// <summary>"2026-07" (the first month).</summary>
    public string FirstMonth => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
