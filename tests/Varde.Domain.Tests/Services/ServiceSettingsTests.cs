using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Domain.Tests.Services;

public sealed class ServiceSettingsTests
{
    private static readonly Guid Service = Guid.NewGuid();

    private static ServiceSettingsChange Change(IReadOnlyList<OpeningPeriod>? weekly = null, IReadOnlyList<ClosedDay>? closed = null, int escalate = 30,
        int perNurse = 80, int grace = 120) =>
        new(new OpeningHours(weekly ?? OpeningHours.WeekdaysDaytime.Weekly), closed ?? [], escalate, null, perNurse, grace);

    [Fact]
    public void TheDefaults_AreWhatAServiceWorksByUntilSet()
    {
        var settings = ServiceSettings.Default(Service);

        (settings.EscalateAfterMinutes, settings.PatientsPerNurse, settings.DefaultGraceMinutes, settings.ClosedDays.Count).ShouldBe((30, 80, 120, 0));
        settings.OpeningHours.ShouldBe(OpeningHours.WeekdaysDaytime);
    }

    [Fact]
    public void AChange_TakesEverythingAtOnce_ClosedDaysInDateOrderAndTrimmed()
    {
        var settings = ServiceSettings.Default(Service);

        settings.Change(Change(closed: [new(new DateOnly(2026, 12, 31), " Nyttårsaften "), new(new DateOnly(2026, 12, 24), "Julaften")], escalate: 15,
            perNurse: 60, grace: 0)).ShouldBeEmpty();

        settings.ClosedDays.ShouldBe([new(new DateOnly(2026, 12, 24), "Julaften"), new(new DateOnly(2026, 12, 31), "Nyttårsaften")]);
        (settings.EscalateAfterMinutes, settings.PatientsPerNurse, settings.DefaultGraceMinutes).ShouldBe((15, 60, 0));
    }

    [Theory]
    [InlineData(4, 80, 120, "escalateAfterMinutes")]
    [InlineData(1441, 80, 120, "escalateAfterMinutes")]
    [InlineData(30, 0, 120, "patientsPerNurse")]
    [InlineData(30, 501, 120, "patientsPerNurse")]
    [InlineData(30, 80, -1, "defaultGraceMinutes")]
    [InlineData(30, 80, 1441, "defaultGraceMinutes")]
    public void AWrongNumber_ChangesNothing(int escalate, int perNurse, int grace, string field)
    {
        var settings = ServiceSettings.Default(Service);

        settings.Change(Change(escalate: escalate, perNurse: perNurse, grace: grace)).Select(e => e.Field).ShouldBe([field]);

        (settings.EscalateAfterMinutes, settings.PatientsPerNurse, settings.DefaultGraceMinutes).ShouldBe((30, 80, 120));
    }

    [Fact]
    public void OverlappingOrBackwardPeriods_AndAClosedDayWithoutReasonOrTwice_AreRefused()
    {
        var monday = new OpeningPeriod(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0));
        var settings = ServiceSettings.Default(Service);

        settings.Change(Change(weekly: [monday, monday with { Opens = new TimeOnly(11, 0), Closes = new TimeOnly(15, 0) }])).Select(e => e.Field).ShouldBe(["openingHours"]);
        settings.Change(Change(weekly: [monday with { Closes = new TimeOnly(7, 0) }])).Select(e => e.Field).ShouldBe(["openingHours[0]"]);
        settings.Change(Change(weekly: [monday, monday with { Opens = new TimeOnly(12, 0), Closes = new TimeOnly(15, 0) }])).ShouldBeEmpty();
        var day = new DateOnly(2026, 12, 23);
        settings.Change(Change(closed: [new(day, " ")])).Select(e => e.Field).ShouldBe(["closedDays[0].reason"]);
        settings.Change(Change(closed: [new(day, "A"), new(day, "B")])).Select(e => e.Field).ShouldBe(["closedDays"]);
    }

    [Fact]
    public void TheServicesOwnClosedDays_CloseItLikeAHoliday()
    {
        var settings = ServiceSettings.Default(Service);
        var staffDay = new DateOnly(2026, 11, 24);
        settings.Change(Change(closed: [new(staffDay, "Fagdag")])).ShouldBeEmpty();
        var tuesdayNoon = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);

        settings.OpeningHours.IsOpen(tuesdayNoon, settings.ClosedOn([])).ShouldBeFalse();
        settings.OpeningHours.IsOpen(tuesdayNoon, new HashSet<DateOnly>()).ShouldBeTrue();
        settings.ClosedOn([new DateOnly(2026, 12, 25)]).ShouldBe([new DateOnly(2026, 12, 25), staffDay], ignoreOrder: true);
    }

    [Fact]
    public void AScheduleItemWithoutItsOwnGrace_UsesTheServicesDefault()
    {
        var own = new ScheduleItem(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(9, 0), GraceMinutes: 45);
        var none = own with { GraceMinutes = null };
        var after = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        var slots = DueSlots.WithDeadlineBetween([own, none with { Measurement = MeasurementType.BloodPressure }], after, after.AddHours(12), TimeSpan.FromMinutes(20)).ToList();

        slots.Select(s => (s.Item.Key, s.Deadline - s.DueBy)).ShouldBe([
            ("measurement:BodyWeight", TimeSpan.FromMinutes(45)), ("measurement:BloodPressure", TimeSpan.FromMinutes(20))], ignoreOrder: true);
    }
}
