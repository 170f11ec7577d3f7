using Varde.Domain.Services;

namespace Varde.Domain.Tests.Services;

public sealed class DutyShiftTests
{
    private static readonly DateTimeOffset Seven = new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero); // 07:00 in Oslo

    [Fact]
    public void AShift_IsOnDutyFromItsStartUntilSignedOff()
    {
        var shift = DutyShift.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Seven);

        (shift.IsOnDuty(Seven.AddMinutes(-1)), shift.IsOnDuty(Seven), shift.IsOnDuty(Seven.AddHours(8))).ShouldBe((false, true, true));
        shift.End(Seven.AddHours(8)).ShouldBeTrue();
        (shift.IsOnDuty(Seven.AddHours(8)), shift.EndedAt).ShouldBe((false, Seven.AddHours(8)));
        shift.End(Seven.AddHours(9)).ShouldBeFalse();
        shift.EndedAt.ShouldBe(Seven.AddHours(8));
    }

    [Fact]
    public void AShiftLeftOpen_CountsOnlyUntilItsLongest_AndEndsThereWhenClosedLater()
    {
        var shift = DutyShift.Start(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Seven);

        shift.IsOnDuty(Seven.AddHours(DutyShift.LongestHours).AddMinutes(-1)).ShouldBeTrue();
        shift.IsOnDuty(Seven.AddHours(DutyShift.LongestHours)).ShouldBeFalse();
        shift.CountsUntil(Seven.AddHours(3)).ShouldBe(Seven.AddHours(3));
        shift.CountsUntil(Seven.AddDays(2)).ShouldBe(Seven.AddHours(DutyShift.LongestHours));
        shift.End(Seven.AddDays(2));
        shift.EndedAt.ShouldBe(Seven.AddHours(DutyShift.LongestHours));
    }
}
