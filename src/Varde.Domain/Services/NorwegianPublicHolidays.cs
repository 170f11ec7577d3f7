namespace Varde.Domain.Services;

/// <summary>
/// Norwegian public holidays (helligdager and the two official flag days that are days off), computed from Easter.
/// Varde stores them as data, so a service can add its own closed days.
/// </summary>
public static class NorwegianPublicHolidays
{
    public static IReadOnlyList<(DateOnly Date, string Name)> For(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            (new DateOnly(year, 1, 1), "1. nyttårsdag"),
            (easter.AddDays(-3), "Skjærtorsdag"),
            (easter.AddDays(-2), "Langfredag"),
            (easter, "1. påskedag"),
            (easter.AddDays(1), "2. påskedag"),
            (new DateOnly(year, 5, 1), "Arbeidernes dag"),
            (new DateOnly(year, 5, 17), "Grunnlovsdag"),
            (easter.AddDays(39), "Kristi himmelfartsdag"),
            (easter.AddDays(49), "1. pinsedag"),
            (easter.AddDays(50), "2. pinsedag"),
            (new DateOnly(year, 12, 25), "1. juledag"),
            (new DateOnly(year, 12, 26), "2. juledag"),
        ];
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
