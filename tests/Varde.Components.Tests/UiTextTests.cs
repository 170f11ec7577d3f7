using System.Globalization;
using Varde.Server.Components;

namespace Varde.Components.Tests;

/// <summary>The one set of date and time formats every screen uses (issue 16): Oslo time, 24-hour, in the UI's language.</summary>
public sealed class UiTextTests
{
    // 1 December 2026 13:05 UTC is 14:05 in Oslo (winter, UTC+1).
    private static readonly DateTimeOffset Winter = new(2026, 12, 1, 13, 5, 0, TimeSpan.Zero);

    // 1 July 2026 12:05 UTC is 14:05 in Oslo (summer, UTC+2).
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 12, 5, 0, TimeSpan.Zero);

    // 31 August 2026 22:00 UTC is midnight starting 1 September in Oslo: the Oslo day, not the UTC one.
    private static readonly DateTimeOffset Midnight = new(2026, 8, 31, 22, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("nb", "1.12.2026", "1.12.2026 14:05", "14:05", "1.12.")]
    [InlineData("en", "1 Dec 2026", "1 Dec 2026 14:05", "14:05", "1 Dec")]
    public void Winter_InOsloTime(string language, string date, string dateAndTime, string timeOfDay, string axis)
    {
        Use(language);

        UiText.Date(Winter).ShouldBe(date);
        UiText.DateAndTime(Winter).ShouldBe(dateAndTime);
        UiText.TimeOfDay(Winter).ShouldBe(timeOfDay);
        UiText.DayAndMonth(Winter).ShouldBe(axis);
    }

    [Theory]
    [InlineData("nb", "1.7.2026", "1.7.2026 14:05")]
    [InlineData("en", "1 Jul 2026", "1 Jul 2026 14:05")]
    public void Summer_InOsloSummerTime(string language, string date, string dateAndTime)
    {
        Use(language);

        UiText.Date(Summer).ShouldBe(date);
        UiText.DateAndTime(Summer).ShouldBe(dateAndTime);
        UiText.TimeOfDay(Summer).ShouldBe("14:05");
    }

    [Theory]
    [InlineData("nb", "1.9.2026 00:00", "tirsdag 1. september kl. 00:00")]
    [InlineData("en", "1 Sep 2026 00:00", "Tuesday 1 September 00:00")]
    public void Midnight_IsTheStartOfTheOsloDay_AndNeverTwelveAm(string language, string dateAndTime, string weekday)
    {
        Use(language);

        UiText.DateAndTime(Midnight).ShouldBe(dateAndTime);
        UiText.Date(Midnight).ShouldBe(dateAndTime[..^6]);
        UiText.WeekdayAndTime(Midnight).ShouldBe(weekday);
    }

    [Theory]
    [InlineData("nb", "24.12.2026")]
    [InlineData("en", "24 Dec 2026")]
    public void CalendarDay_HasTheSameFormat(string language, string expected)
    {
        Use(language);

        UiText.Date(new DateOnly(2026, 12, 24)).ShouldBe(expected);
        UiText.TimeOfDay(new TimeOnly(8, 30)).ShouldBe("08:30");
        UiText.TimeOfDay(new TimeOnly(23, 59)).ShouldBe("23:59");
    }

    [Fact]
    public void AnEnglishUserWithAnAmericanCulture_StillGetsTwentyFourHours()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");

        UiText.DateAndTime(Winter.AddHours(10)).ShouldBe("2 Dec 2026 00:05");
        UiText.TimeOfDayWithSeconds(Winter.AddSeconds(9)).ShouldBe("14:05:09");
    }

    private static void Use(string language) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
}
