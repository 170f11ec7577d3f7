using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Domain.Tests.Services;

public sealed class OpeningHoursTests
{
    private static readonly HashSet<DateOnly> Holidays = NorwegianPublicHolidays.For(2026).Select(h => h.Date).ToHashSet();
    private static readonly OpeningHours Hours = OpeningHours.WeekdaysDaytime;

    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    public void EasterSunday_IsKnown(int year, int month, int day) =>
        NorwegianPublicHolidays.EasterSunday(year).ShouldBe(new DateOnly(year, month, day));

    [Fact]
    public void Holidays2026_IncludeTheMovableOnes()
    {
        var dates = NorwegianPublicHolidays.For(2026).Select(h => h.Date).ToList();

        dates.ShouldContain(new DateOnly(2026, 4, 2));
        dates.ShouldContain(new DateOnly(2026, 4, 3));
        dates.ShouldContain(new DateOnly(2026, 5, 14));
        dates.ShouldContain(new DateOnly(2026, 5, 25));
        dates.Count.ShouldBe(12);
    }

    [Theory]
    [InlineData("2026-11-23T06:59:00Z", false)]
    [InlineData("2026-11-23T07:00:00Z", true)]
    [InlineData("2026-11-23T14:29:00Z", true)]
    [InlineData("2026-11-23T14:30:00Z", false)]
    [InlineData("2026-11-21T10:00:00Z", false)]
    [InlineData("2026-05-14T10:00:00Z", false)]
    [InlineData("2026-06-15T06:30:00Z", true)]
    public void IsOpen_WeekdaysEightToHalfPastThreeNorwegianTime(string at, bool open) =>
        Hours.IsOpen(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture), Holidays).ShouldBe(open);

    [Fact]
    public void OpenTime_OnlyCountsOpeningHours()
    {
        // Friday 15:00 to Monday 08:20 Norwegian time: 30 minutes on Friday and 20 on Monday.
        var from = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2026, 11, 23, 7, 20, 0, TimeSpan.Zero);

        Hours.OpenTimeBetween(from, to, Holidays).ShouldBe(TimeSpan.FromMinutes(50));
        Hours.NextOpening(from.AddHours(2), Holidays).ShouldBe(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void DueSlots_AreInNorwegianTime_WithGrace()
    {
        var item = new ScheduleItem(Varde.Domain.Measurements.MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(9, 0), GraceMinutes: 120);
        var after = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        var slots = DueSlots.WithDeadlineBetween([item], after, after.AddHours(10), TimeSpan.FromMinutes(30)).ToList();

        var slot = slots.ShouldHaveSingleItem();
        slot.DueBy.ShouldBe(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        slot.Deadline.ShouldBe(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
        slot.IsFulfilledBy("measurement:BodyWeight", new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)).ShouldBeTrue();
        slot.IsFulfilledBy("measurement:BodyWeight", new DateTimeOffset(2026, 11, 22, 22, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
        slot.IsFulfilledBy("measurement:BodyWeight", slot.Deadline.AddSeconds(1)).ShouldBeFalse();
        DueSlots.WithDeadlineBetween([item], after, after.AddHours(9).AddMinutes(59), TimeSpan.FromMinutes(30)).ShouldBeEmpty();
    }
}
