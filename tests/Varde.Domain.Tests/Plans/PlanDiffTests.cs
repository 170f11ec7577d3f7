using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Tests.Plans;

public sealed class PlanDiffTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);

    private static PlanRules Rules(string? yellow, params string[] goals) =>
        PlanRules.None with { Instructions = new ZoneInstructions(null, yellow, "Ring 113."), Guidance = new PlanGuidance(goals, [], []) };

    [Fact]
    public void ChangedBoundsAndTexts_AreListed_WithBeforeAndAfter_AndUnchangedOnesAreNot()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.", "Gå tur")).Value;
        var second = first.Revise(Guid.NewGuid(), [Spo2 with { RedLow = 86m }, new QuantityThreshold(MeasuredQuantity.Pulse, YellowHigh: 110m)], "n",
            Now.AddDays(1), rules: Rules("Ring oss i dag.", "Gå tur", "Se barnebarna")).Value;

        var changes = PlanDiff.Between(first, second);

        changes.Select(c => (c.WhatNb, c.Before, c.After)).ShouldBe(
        [
            ("Puls: gul over", "–", "110 /min"),
            ("SpO2: rød under", "88 %", "86 %"),
            ("Hva gjør du i gult", "Ring oss.", "Ring oss i dag."),
            ("Mål", "Gå tur", "Gå tur; Se barnebarna"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void SameContent_GivesNoChanges()
    {
        var first = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.")).Value;
        var second = first.Revise(Guid.NewGuid(), [Spo2], "gp", Now.AddDays(1)).Value;

        PlanDiff.Between(first, second).ShouldBeEmpty();
    }

    [Fact]
    public void FirstVersion_ListsEverythingItSets() =>
        PlanDiff.Between(null, PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "n", Now, rules: Rules("Ring oss.")).Value)
            .Select(c => c.WhatEn).ShouldBe(["SpO2: red below", "SpO2: yellow below", "What to do in yellow", "What to do in red"]);
}
