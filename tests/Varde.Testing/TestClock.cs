using System.Globalization;

namespace Varde.Testing;

/// <summary>
/// The one instant the tests run at, so nothing they see depends on the wall clock, the time of day or the weekday
/// (demo data, opening hours of the follow-up service, "today" in the patient app, token and cookie lifetimes).
/// The server tests' fake clock starts here and moves only when told; the browser tests' server and Chromium start
/// here and then run on with real elapsed time (<see cref="RunningClock"/>).
/// <para>
/// Default: Tuesday 24 November 2026, 14:00 in Oslo (a weekday, the follow-up service open). Set the environment
/// variable <c>VARDE_TEST_NOW</c> to an ISO 8601 instant with its offset to run at another instant, e.g.
/// <c>VARDE_TEST_NOW=2026-11-25T03:00:00+01:00</c> (a night, the service closed); <c>./test.sh</c> runs at both.
/// </para>
/// </summary>
public static class TestClock
{
    public const string Variable = "VARDE_TEST_NOW";

    /// <summary>Tuesday 2026-11-24 14:00 Europe/Oslo (CET, +01:00).</summary>
    public static readonly DateTimeOffset Default = new(2026, 11, 24, 14, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The instant the tests start at: <c>VARDE_TEST_NOW</c> if set, else <see cref="Default"/>.</summary>
    public static DateTimeOffset Start { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary>An ISO 8601 instant with an offset (<c>2026-11-24T14:00:00+01:00</c> or <c>…Z</c>); empty means the default.</summary>
    public static DateTimeOffset Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Default;
        var text = value.Trim();
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            throw new InvalidOperationException($"{Variable}='{value}' is not an ISO 8601 instant with an offset, e.g. 2026-11-24T14:00:00+01:00.");
        return instant;
    }
}
