using System.Globalization;
using Varde.Domain.Services;

namespace Varde.Server.Components;

/// <summary>
/// The UI's language choice and how it writes dates and times: the formats of <see cref="DisplayTime"/> (Oslo time,
/// 24-hour) in the current language. Every date or time a screen shows goes through one of these, so the formats are
/// found by name: <see cref="Date(DateTimeOffset)"/> "1.12.2026" / "1 Dec 2026", <see cref="DateAndTime"/>
/// "1.12.2026 14:05" / "1 Dec 2026 14:05", <see cref="TimeOfDay(DateTimeOffset)"/> "14:05", and for chart axes only
/// <see cref="DayAndMonth"/> "1.12." / "1 Dec".
/// </summary>
public static class UiText
{
    /// <summary>True when the user chose English; the domain's explanations come as bokmål and English pairs.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The Oslo day of an instant: "1.12.2026" / "1 Dec 2026".</summary>
    public static string Date(DateTimeOffset at) => DisplayTime.Date(at, English);

    /// <summary>A calendar day: "1.12.2026" / "1 Dec 2026".</summary>
    public static string Date(DateOnly day) => DisplayTime.Date(day, English);

    /// <summary>"1.12.2026 14:05" / "1 Dec 2026 14:05", Oslo time.</summary>
    public static string DateAndTime(DateTimeOffset at) => DisplayTime.DateAndTime(at, English);

    /// <summary>"14:05", Oslo time.</summary>
    public static string TimeOfDay(DateTimeOffset at) => DisplayTime.TimeOfDay(at);

    /// <summary>"14:05": a time of day from a plan or opening hours.</summary>
    public static string TimeOfDay(TimeOnly time) => DisplayTime.TimeOfDay(time);

    /// <summary>"14:05:09", Oslo time: only where the seconds matter ("live since").</summary>
    public static string TimeOfDayWithSeconds(DateTimeOffset at) => DisplayTime.TimeOfDayWithSeconds(at);

    /// <summary>A chart's time-axis tick, "1.12." / "1 Dec": the chart's period carries the year and the ticks are tight.</summary>
    public static string DayAndMonth(DateTimeOffset at) => DisplayTime.DayAndMonth(at, English);

    /// <summary>"tirsdag 1. desember kl. 08:00" / "Tuesday 1 December 08:00": the patient app's "opens …" on another day.</summary>
    public static string WeekdayAndTime(DateTimeOffset at) => DisplayTime.WeekdayAndTime(at, English);
}
