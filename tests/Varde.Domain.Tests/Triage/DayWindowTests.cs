using System.Globalization;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

/// <summary>
/// Rules counted in days read N days and half a day back (TriageWindows.DayTolerance), so daily readings taken at
/// slightly different times of day, or across a daylight-saving change, behave the same.
/// </summary>
public sealed class DayWindowTests
{
    private static readonly PlanVersion HeartFailure = Plan(Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m)]),
        new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 120m));

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private static DateTimeOffset OsloTime(string local)
    {
        var time = DateTime.Parse(local, CultureInfo.InvariantCulture);
        return new DateTimeOffset(time, Oslo.GetUtcOffset(time));
    }

    [Theory]
    // Weighed at 09:00 Oslo time three days running, rising 0.9 kg a day; today at a different minute.
    [InlineData("2026-11-20 09:00", "2026-11-23 08:59")]
    [InlineData("2026-11-20 09:00", "2026-11-23 09:34")]
    [InlineData("2026-11-20 07:15", "2026-11-23 11:40")]
    [InlineData("2026-11-20 09:00", "2026-11-23 20:30")]
    // Across the end of summer time (25 October 2026) and its start (28 March 2027).
    [InlineData("2026-10-23 08:00", "2026-10-26 08:00")]
    [InlineData("2026-10-23 08:00", "2026-10-26 08:45")]
    [InlineData("2027-03-26 08:00", "2027-03-29 08:00")]
    [InlineData("2027-03-26 08:30", "2027-03-29 09:10")]
    public void WeightRise_OverThreeDays_IsFoundWhateverTheMinuteOfWeighing(string first, string today)
    {
        var start = OsloTime(first);
        var now = OsloTime(today);

        var result = Last(HeartFailure, Reading(MeasurementType.BodyWeight, start, 80.0m), Reading(MeasurementType.BodyWeight, start.AddDays(1), 80.9m),
            Reading(MeasurementType.BodyWeight, start.AddDays(2), 81.8m), Reading(MeasurementType.BodyWeight, now, 82.7m));

        result.Outcome.ShouldBe(TriageOutcome.Yellow);
        result.RuleId.ShouldBe(TriageRuleIds.Change);
        result.Inputs.ShouldContain(new TriageInput("bodyWeight.change3d", 2.7m, "kg"));
    }

    [Theory]
    [InlineData(3.5, true)]
    [InlineData(3.51, false)]
    [InlineData(4, false)]
    public void TheWindow_EndsHalfADayBeforeTheNthDay(double daysBefore, bool counted)
    {
        var now = OsloTime("2026-11-23 09:00");

        var result = Last(HeartFailure, Reading(MeasurementType.BodyWeight, now.AddDays(-daysBefore), 80.0m), Reading(MeasurementType.BodyWeight, now, 82.7m));

        result.Outcome.ShouldBe(counted ? TriageOutcome.Yellow : TriageOutcome.Green);
    }

    [Theory]
    [InlineData("2026-11-17 08:00", "2026-11-20 10:30", TriageOutcome.Red)]
    [InlineData("2026-10-23 08:00", "2026-10-26 08:30", TriageOutcome.Red)]
    [InlineData("2026-11-17 08:00", "2026-11-20 21:00", TriageOutcome.Yellow)]
    public void RunOfYellows_CountsDailyReadingsWithJitter(string first, string third, TriageOutcome expected)
    {
        var plan = Plan(Rules(run: new ConsecutiveYellowRule(Count: 3, WithinDays: 3)), new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 85m, YellowLow: 92m));
        var start = OsloTime(first);

        var result = Last(plan, Reading(MeasurementType.OxygenSaturation, start, 90m), Reading(MeasurementType.OxygenSaturation, start.AddDays(1.5), 90m),
            Reading(MeasurementType.OxygenSaturation, OsloTime(third), 90m));

        result.Outcome.ShouldBe(expected);
    }
}
