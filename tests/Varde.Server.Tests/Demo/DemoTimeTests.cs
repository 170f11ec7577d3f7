using Varde.Server.Demo;
using Varde.Testing;

namespace Varde.Server.Tests.Demo;

public sealed class DemoTimeTests
{
    private static readonly DateTimeOffset TuesdayAfternoon = TestClock.Parse("2026-11-24T14:00:00+01:00");
    private static readonly DateTimeOffset WednesdayNight = TestClock.Parse("2026-11-25T03:00:00+01:00");

    [Theory]
    [InlineData("2026-11-24T14:00:00+01:00", "2026-11-24T10:00:00+01:00")]
    [InlineData("2026-11-25T03:00:00+01:00", "2026-11-24T10:00:00+01:00")]
    [InlineData("2026-11-24T10:00:00+01:00", "2026-11-24T10:00:00+01:00")]
    [InlineData("2026-07-14T09:59:00+02:00", "2026-07-13T10:00:00+02:00")]
    public void AsOf_IsTheLatestTenOClockInOslo(string now, string expected) =>
        DemoTime.AsOf(TestClock.Parse(now)).ShouldBe(TestClock.Parse(expected));

    [Fact]
    public void History_BuiltInTheAfternoonOrTheNightAfter_IsTheSame()
    {
        foreach (var p in DemoPopulation.All)
        {
            var baseline = DemoBaseline.For(p.Index);
            var afternoon = DemoMeasurements.For(p, baseline, DemoTime.AsOf(TuesdayAfternoon)).ToList();
            var night = DemoMeasurements.For(p, baseline, DemoTime.AsOf(WednesdayNight)).ToList();
            night.ShouldBe(afternoon);
            DemoAnswers.For(p, DemoTime.AsOf(WednesdayNight)).Select(a => (a.ClientId, a.At))
                .ShouldBe(DemoAnswers.For(p, DemoTime.AsOf(TuesdayAfternoon)).Select(a => (a.ClientId, a.At)));
        }
    }

    [Fact]
    public void History_EndsBeforeItsInstant_WithTheMorningsReadingsInIt()
    {
        var asOf = DemoTime.AsOf(WednesdayNight);
        var readings = DemoPopulation.All.SelectMany(p => DemoMeasurements.For(p, DemoBaseline.For(p.Index), asOf)).ToList();
        readings.ShouldAllBe(m => m.EffectiveAt <= asOf);
        readings.Count(m => m.EffectiveAt > asOf.AddHours(-4)).ShouldBeGreaterThan(20);
    }
}
