using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Tests.Plans;

public sealed class PlanVersionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);

    [Fact]
    public void Revise_MakesNextVersionAndLeavesTheOldOneAsItWas()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "nurse-1", Now).Value;

        var second = first.Revise(Guid.NewGuid(), [Spo2 with { RedLow = 86m }], "gp-1", Now.AddDays(1), "COPD: lower target").Value;

        second.Number.ShouldBe(2);
        second.PatientId.ShouldBe(first.PatientId);
        second.CreatedBy.ShouldBe("gp-1");
        second.ChangeNote.ShouldBe("COPD: lower target");
        second.ThresholdFor(MeasuredQuantity.OxygenSaturation)!.RedLow.ShouldBe(86m);
        first.Number.ShouldBe(1);
        first.ThresholdFor(MeasuredQuantity.OxygenSaturation)!.RedLow.ShouldBe(88m);
    }

    public static TheoryData<QuantityThreshold> InvalidThresholds => new()
    {
        new(MeasuredQuantity.OxygenSaturation),
        new(MeasuredQuantity.OxygenSaturation, RedLow: 93m, YellowLow: 92m),
        new(MeasuredQuantity.Pulse, YellowHigh: 100m, RedHigh: 90m),
        new(MeasuredQuantity.Pulse, RedLow: 60m, RedHigh: 50m),
        new(MeasuredQuantity.BodyWeight, YellowHigh: 900m),
    };

    [Theory, MemberData(nameof(InvalidThresholds))]
    public void First_InvalidThresholds_AreRejected(QuantityThreshold threshold) =>
        PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [threshold], "nurse-1", Now).IsValid.ShouldBeFalse();

    [Fact]
    public void First_EqualBounds_AreAllowed() =>
        PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [new(MeasuredQuantity.Pulse, 50m, 50m, 100m, 100m)], "nurse-1", Now)
            .IsValid.ShouldBeTrue();

    [Fact]
    public void First_TwoSetsForOneQuantity_IsRejected() =>
        PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2, Spo2], "nurse-1", Now).Errors.ShouldHaveSingleItem()
            .Message.ShouldContain("more than one");

    [Fact]
    public void Revise_OlderThanCurrent_IsRejected()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "nurse-1", Now).Value;

        first.Revise(Guid.NewGuid(), [Spo2], "nurse-1", Now.AddMinutes(-1)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void First_WithoutAuthor_IsRejected() =>
        PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], " ", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe("createdBy");
}
