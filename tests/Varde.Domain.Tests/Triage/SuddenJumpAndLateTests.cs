using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

public sealed class SuddenJumpAndLateTests
{
    private static readonly PlanVersion Plan1 = Plan(Rules(), new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 90m, RedHigh: 95m),
        new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 85m, YellowLow: 90m));

    private static TriageReport[] Level(MeasurementType type, decimal value, int count = 3) =>
        Enumerable.Range(0, count).Select(i => Reading(type, Start.AddHours(i * 12), value)).ToArray();

    [Theory]
    [InlineData("84.0", TriageOutcome.Green)]
    [InlineData("84.1", TriageOutcome.SuspectedMeasurementError)]
    [InlineData("76.0", TriageOutcome.Green)]
    [InlineData("75.9", TriageOutcome.SuspectedMeasurementError)]
    public void WeightFarFromTheRecentLevel_IsACheckMeasurement(string value, TriageOutcome expected)
    {
        var result = Last(Plan1, [.. Level(MeasurementType.BodyWeight, 80m), Reading(MeasurementType.BodyWeight, Start.AddHours(40), decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))]);

        result.Outcome.ShouldBe(expected);
        if (expected == TriageOutcome.SuspectedMeasurementError)
            result.RuleId.ShouldBe(TriageRuleIds.SuddenJump);
    }

    [Fact]
    public void Spo2_OnlyAFallCounts()
    {
        Last(Plan1, [.. Level(MeasurementType.OxygenSaturation, 99m), Reading(MeasurementType.OxygenSaturation, Start.AddHours(40), 88m)])
            .Outcome.ShouldBe(TriageOutcome.SuspectedMeasurementError);
        Last(Plan1, [.. Level(MeasurementType.OxygenSaturation, 85m), Reading(MeasurementType.OxygenSaturation, Start.AddHours(40), 99m)])
            .Outcome.ShouldBe(TriageOutcome.Green);
    }

    [Fact]
    public void FewerThanThreeRecentReadings_AreNoLevel()
    {
        Last(Plan1, [.. Level(MeasurementType.BodyWeight, 80m, 2), Reading(MeasurementType.BodyWeight, Start.AddHours(30), 92m)])
            .Outcome.ShouldBe(TriageOutcome.Yellow);
    }

    [Fact]
    public void ReMeasureCloseToTheSuspectedValue_ConfirmsIt_AndIsJudgedByThePlan()
    {
        var results = All(Plan1, [.. Level(MeasurementType.BodyWeight, 80m), Reading(MeasurementType.BodyWeight, Start.AddHours(40), 91m),
            Reading(MeasurementType.BodyWeight, Start.AddHours(40.5), 91.4m)]);

        results[^2].Outcome.ShouldBe(TriageOutcome.SuspectedMeasurementError);
        results[^1].Outcome.ShouldBe(TriageOutcome.Yellow);
        results[^1].RuleId.ShouldBe(TriageRuleIds.Threshold);
    }

    [Fact]
    public void ReMeasureBackAtTheUsualLevel_IsGreen()
    {
        var results = All(Plan1, [.. Level(MeasurementType.BodyWeight, 80m), Reading(MeasurementType.BodyWeight, Start.AddHours(40), 91m),
            Reading(MeasurementType.BodyWeight, Start.AddHours(40.5), 80.2m)]);

        results[^1].Outcome.ShouldBe(TriageOutcome.Green);
    }

    [Theory]
    [InlineData(12 * 60, false)]
    [InlineData((12 * 60) + 1, true)]
    public void Reading_ReceivedMoreThanTheLateWindowAfterItWasMeasured_IsLate(int minutesLate, bool late)
    {
        var report = Reading(MeasurementType.OxygenSaturation, Start, 80m) with { ReceivedAt = Start.AddMinutes(minutesLate) };

        var result = TriageEngine.Evaluate(report, [], Plan1, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        result.Outcome.ShouldBe(TriageOutcome.Red);
        result.Late.ShouldBe(late);
        if (late)
            result.ExplanationNb.ShouldEndWith("Sen rapport: mottatt 12 t etter at den ble målt.");
    }

    [Fact]
    public void News2_NeedsEveryParameterWithinTheWindow_AndMapsBandsToZones()
    {
        var plan = Plan(Rules(news2: new News2Settings(WindowMinutes: 120)));
        TriageReport[] session(decimal rr, DateTimeOffset at, decimal spo2 = 93m) =>
        [
            Reading(MeasurementType.RespiratoryRate, at, rr), Reading(MeasurementType.OxygenSaturation, at, spo2),
            Reading(MeasurementType.BloodPressure, at, 120m, 80m), Reading(MeasurementType.Pulse, at, 95m),
            Reading(MeasurementType.BodyTemperature, at, 37.5m),
            Answers(Questionnaires.QuestionnaireCatalogue.DailySymptomsId, at.AddMinutes(5), ("more-breathless", "no"), ("swelling", "no"), ("chest-pain", "no"),
                ("new-confusion", "no"), ("on-oxygen", "no")),
        ];

        var withAll = Last(plan, session(21, Start));
        withAll.Outcome.ShouldBe(TriageOutcome.Yellow);
        withAll.RuleId.ShouldBe(TriageRuleIds.News2);
        withAll.ExplanationNb.ShouldStartWith("NEWS2 5 (");

        var red = Last(plan, session(25, Start, spo2: 91m));
        red.Outcome.ShouldBe(TriageOutcome.Red);

        var withoutRate = session(21, Start)[1..];
        Last(plan, withoutRate).RuleId.ShouldNotBe(TriageRuleIds.News2);
    }
}
