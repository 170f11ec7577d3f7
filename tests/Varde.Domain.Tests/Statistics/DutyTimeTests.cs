using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class DutyTimeTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 23, 0, 0, TimeSpan.Zero); // 24 November 00:00 in Oslo
    private static readonly Guid North = Guid.NewGuid(), South = Guid.NewGuid();

    private static DutySpan Span(Guid service, double fromHour, double toHour, Guid? staff = null) =>
        new(service, staff ?? Guid.NewGuid(), Midnight.AddHours(fromHour), Midnight.AddHours(toHour));

    [Fact]
    public void OverlappingShifts_AddTheirNurseHours_ButStaffOneStretch()
    {
        var time = DutyTime.Between([Span(North, 8, 16), Span(North, 12, 20), Span(North, 9, 10)], Midnight, Midnight.AddDays(1));

        (time.NurseHours, time.StaffedHours, time.MeanNursesOnDuty, time.People, time.Hides).ShouldBe((17, 12, 17.0 / 12, 3, false));
    }

    [Fact]
    public void AGap_IsNotStaffed_ShiftsAreCutToThePeriod_AndServicesAreStaffedEachOnTheirOwn()
    {
        var time = DutyTime.Between([Span(North, -2, 4), Span(North, 8, 10), Span(North, 20, 30), Span(South, 8, 10)], Midnight, Midnight.AddDays(1));

        (time.NurseHours, time.StaffedHours).ShouldBe((4 + 2 + 4 + 2, 4 + 2 + 4 + 2));
        DutyTime.Between([], Midnight, Midnight.AddDays(1)).MeanNursesOnDuty.ShouldBeNull();
    }

    [Fact]
    public void OneOrTwoPeopleOnDuty_AreCounted_AndHidden()
    {
        var kari = Guid.NewGuid();
        var two = DutyTime.Between([Span(North, 8, 16, kari), Span(North, 20, 22, kari), Span(North, 8, 12)], Midnight, Midnight.AddDays(1));

        (two.People, two.Hides).ShouldBe((2, true));
        DutyTime.Between([Span(North, 30, 32)], Midnight, Midnight.AddDays(1)).Hides.ShouldBeFalse(); // nobody in the period: nothing to hide
    }
}
