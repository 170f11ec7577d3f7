using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

public sealed class BurdenPreviewTests
{
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly DateTimeOffset Start = new(2026, 10, 20, 8, 0, 0, TimeSpan.Zero);

    // 30 daily SpO2 readings: mostly 94–95, a three-day dip to 91–90 and one day at 87.
    private static readonly decimal[] Series = [95, 94, 95, 95, 94, 95, 91, 90, 91, 95, 94, 95, 95, 95, 94, 87, 94, 95, 95, 94, 95, 95, 94, 95, 95, 94, 95, 95, 94, 95];

    private static List<TriageReport> Reports() =>
        Series.Select((v, i) => TriageReport.Of(Measurement.Record(Guid.NewGuid(), Patient,
            new MeasurementInput($"r{i}", MeasurementType.OxygenSaturation, v, null, null, "%", Start.AddDays(i)), "test", Start.AddDays(i)).Value)).ToList();

    private static PlanVersion Plan(decimal redLow, decimal yellowLow) =>
        PlanVersion.First(Guid.NewGuid(), Patient, [new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: redLow, YellowLow: yellowLow)], "gp",
            Start.AddDays(40)).Value;

    [Fact]
    public void Preview_CountsWhatEachVersionWouldHaveRaised_OnAKnownSeries()
    {
        var (current, proposed) = BurdenPreview.Compare(Reports(), Plan(redLow: 88, yellowLow: 92), Plan(redLow: 89, yellowLow: 93), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        // Current: 87 is red; 91, 90, 91 are yellow; two episodes (the dip, and the red day).
        current.ShouldBe(new Burden(30, Yellow: 3, Red: 1, CheckMeasurement: 0, Alerts: 2));
        // Proposed (yellow below 93): the same dip, still two episodes, but 87 red as well; 91/90/91 yellow (90 is not below 89).
        proposed.ShouldBe(new Burden(30, Yellow: 3, Red: 1, CheckMeasurement: 0, Alerts: 2));
    }

    [Fact]
    public void Preview_ATighterYellowLimit_RaisesMoreAlerts()
    {
        var (current, proposed) = BurdenPreview.Compare(Reports(), Plan(redLow: 88, yellowLow: 92), Plan(redLow: 88, yellowLow: 95), Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        proposed.Yellow.ShouldBeGreaterThan(current.Yellow);
        proposed.Alerts.ShouldBeGreaterThan(current.Alerts);
        BurdenPreview.Replay(Reports(), null, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldBe(new Burden(30, 0, 0, 0, 0));
    }
}
