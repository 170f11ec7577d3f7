using System.Globalization;

namespace Varde.Domain.Services;

/// <summary>
/// The one way Varde writes dates and times for people to read, on every screen and in every text it stores for a
/// screen (issue 16): always Oslo local time (<see cref="NorwegianTime"/>), always 24-hour, in the reader's language.
/// <list type="bullet">
/// <item><see cref="Date(DateOnly, bool)"/>: bokmål "1.12.2026", English "1 Dec 2026". The year is always written,
/// also in dense lists: a list that spans New Year must not need a second look.</item>
/// <item><see cref="DateAndTime"/>: bokmål "1.12.2026 14:05", English "1 Dec 2026 14:05".</item>
/// <item><see cref="TimeOfDay(DateTimeOffset)"/>: "14:05" in both languages.</item>
/// <item><see cref="DayAndMonth"/>: bokmål "1.12.", English "1 Dec": only for a chart's time axis, where the year is in
/// the chart's period and the ticks are tight; everything else uses <see cref="Date(DateOnly, bool)"/>.</item>
/// </list>
/// Machine-readable values (<c>&lt;time datetime&gt;</c> in "o", date inputs in "yyyy-MM-dd", keys) are not display and
/// do not come from here.
/// </summary>
public static class DisplayTime
{
    private static readonly CultureInfo Bokmal = CultureInfo.GetCultureInfo("nb");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en"); // "Sep", where en-GB writes "Sept"

    /// <summary>"1.12.2026" / "1 Dec 2026".</summary>
    public static string Date(DateOnly day, bool english) =>
        english ? day.ToString("d MMM yyyy", English) : day.ToString("d.M.yyyy", Bokmal);

    /// <summary>The Oslo day of an instant: "1.12.2026" / "1 Dec 2026".</summary>
    public static string Date(DateTimeOffset at, bool english) => Date(NorwegianTime.Today(at), english);

    /// <summary>"1.12.2026 14:05" / "1 Dec 2026 14:05", Oslo time.</summary>
    public static string DateAndTime(DateTimeOffset at, bool english) => $"{Date(at, english)} {TimeOfDay(at)}";

    /// <summary>"14:05", Oslo time.</summary>
    public static string TimeOfDay(DateTimeOffset at) => TimeOfDay(TimeOnly.FromDateTime(NorwegianTime.ToLocal(at)));

    /// <summary>"14:05": a time of day from a plan or opening hours, already Oslo time.</summary>
    public static string TimeOfDay(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"14:05:09", Oslo time: only where the seconds matter ("live since").</summary>
    public static string TimeOfDayWithSeconds(DateTimeOffset at) => NorwegianTime.ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A chart's axis tick: "1.12." / "1 Dec" (the chart's period carries the year).</summary>
    public static string DayAndMonth(DateTimeOffset at, bool english) =>
        english ? NorwegianTime.ToLocal(at).ToString("d MMM", English) : NorwegianTime.ToLocal(at).ToString("d.M.", Bokmal);

    /// <summary>
    /// A day named in words with the time, for the patient app's "opens …": bokmål "tirsdag 1. desember kl. 08:00",
    /// English "Tuesday 1 December 08:00" (what the browser's <c>toLocaleString</c> writes in pasient.js, too).
    /// </summary>
    public static string WeekdayAndTime(DateTimeOffset at, bool english) =>
        english
            ? NorwegianTime.ToLocal(at).ToString("dddd d MMMM HH':'mm", English)
            : NorwegianTime.ToLocal(at).ToString("dddd d. MMMM 'kl.' HH':'mm", Bokmal);
}
