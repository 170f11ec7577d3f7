using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;

namespace Varde.Domain.Tests.Plans;

public sealed class TodayPlanTests
{
    // Monday 23 November 2026, 11:00 in Oslo (UTC+1).
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static readonly ScheduleItem Weight = new(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(10, 0));
    private static readonly ScheduleItem Daily = new(null, QuestionnaireCatalogue.DailySymptomsId, ScheduleItem.EveryDay, new TimeOnly(9, 0));
    private static readonly ScheduleItem Cat = new(null, QuestionnaireCatalogue.CatId, [DayOfWeek.Friday], new TimeOnly(12, 0));

    [Fact]
    public void Today_ListsTodaysItemsByDueTime_AndMarksWhatIsDoneToday()
    {
        var morning = NorwegianTime.ToInstant(new DateOnly(2026, 11, 23), new TimeOnly(8, 15));
        var yesterday = morning.AddDays(-1);

        var today = TodayPlan.For([Weight, Daily, Cat], Now, [(Weight.Key, yesterday), (Daily.Key, morning)]);

        today.Select(d => d.Item.Key).ShouldBe([Daily.Key, Weight.Key]);
        today[0].DoneAt.ShouldBe(morning);
        today[1].Done.ShouldBeFalse();
        today[1].DueBy.ShouldBe(NorwegianTime.ToInstant(new DateOnly(2026, 11, 23), new TimeOnly(10, 0)));
        today[1].IsLate(Now).ShouldBeTrue();
    }

    [Fact]
    public void Today_WithNoSchedule_IsEmpty() => TodayPlan.For([], Now, []).ShouldBeEmpty();
}
