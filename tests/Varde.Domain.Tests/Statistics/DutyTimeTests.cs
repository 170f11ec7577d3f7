using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class DutyTimeTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 23, 0, 0, TimeSpan.Zero); // 24 November 00:00 in Oslo
    private static readonly Guid North = Guid.NewGuid(), South = Guid.NewGuid();

    private static DutySpan Span(Guid service, double fromHour, double toHour) => new(service, Midnight.AddHours(fromHour), Midnight.AddHours(toHour));

    [Fact]
    public void OverlappingShifts_AddTheirNurseHours_ButStaffOneStretch()
    {
        var time = DutyTime.Between([Span(North, 8, 16), Span(North, 12, 20), Span(North, 9, 10)], Midnight, Midnight.AddDays(1));

        (time.NurseHours, time.StaffedHours, time.MeanNursesOnDuty).ShouldBe((17, 12, 17.0 / 12));
    }

    [Fact]
    public void AGap_IsNotStaffed_ShiftsAreCutToThePeriod_AndServicesAreStaffedEachOnTheirOwn()
    {
        var time = DutyTime.Between([Span(North, -2, 4), Span(North, 8, 10), Span(North, 20, 30), Span(South, 8, 10)], Midnight, Midnight.AddDays(1));

        (time.NurseHours, time.StaffedHours).ShouldBe((4 + 2 + 4 + 2, 4 + 2 + 4 + 2));
        DutyTime.Between([], Midnight, Midnight.AddDays(1)).MeanNursesOnDuty.ShouldBeNull();
    }
}
