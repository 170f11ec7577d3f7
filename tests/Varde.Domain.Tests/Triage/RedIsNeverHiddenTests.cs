using System.Globalization;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

/// <summary>
/// A red is never hidden (ADR 0016): a sudden jump never turns a red into "check measurement", the patient's
/// confirmation counts, and explanations say what was checked.
/// </summary>
public sealed class RedIsNeverHiddenTests
{
    /// <summary>A COPD plan: SpO2 red below 91, yellow below 93; weight yellow above 90, red above 95.</summary>
    private static readonly PlanVersion Copd = Plan(Rules(),
        new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 91m, YellowLow: 93m),
        new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 90m, RedHigh: 95m));

    private static TriageReport[] Usual(MeasurementType type, decimal value) =>
        Enumerable.Range(0, 4).Select(i => Reading(type, Start.AddHours(i * 12), value)).ToArray();

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // SpO2 usual 96: a fall of more than 10 is a jump. Red wins; a jump that is not red is a check unless confirmed.
    [InlineData("oxygen", "96", "85", false, TriageOutcome.Red)]
    [InlineData("oxygen", "96", "84", false, TriageOutcome.Red)]
    [InlineData("oxygen", "96", "85", true, TriageOutcome.Red)]
    [InlineData("oxygen", "99", "88", false, TriageOutcome.Red)]
    [InlineData("oxygen", "99", "92", false, TriageOutcome.Yellow)]
    [InlineData("oxygen", "99", "88.5", false, TriageOutcome.Red)]
    [InlineData("oxygen", "99", "90", false, TriageOutcome.Red)]
    // Weight usual 85: more than 4 kg either way is a jump.
    [InlineData("weight", "85", "89.5", false, TriageOutcome.SuspectedMeasurementError)]
    [InlineData("weight", "85", "89.5", true, TriageOutcome.Green)]
    [InlineData("weight", "85", "92", false, TriageOutcome.SuspectedMeasurementError)]
    [InlineData("weight", "85", "92", true, TriageOutcome.Yellow)]
    [InlineData("weight", "88", "96", false, TriageOutcome.Red)]
    [InlineData("weight", "88", "96", true, TriageOutcome.Red)]
    public void SuddenJump_NeverHidesARed_AndAConfirmedValueIsJudgedByThePlan(string kind, string usual, string value, bool confirmed, TriageOutcome expected)
    {
        var type = kind == "oxygen" ? MeasurementType.OxygenSaturation : MeasurementType.BodyWeight;
        var report = Reading(type, Start.AddHours(40), D(value)) with { Confirmed = confirmed };

        var result = Last(Copd, [.. Usual(type, D(usual)), report]);

        result.Outcome.ShouldBe(expected);
        if (expected == TriageOutcome.SuspectedMeasurementError)
        {
            result.RuleId.ShouldBe(TriageRuleIds.SuddenJump);
            result.ExplanationNb.ShouldContain("mulig målefeil, mål på nytt");
        }
        else
        {
            result.RuleId.ShouldBe(TriageRuleIds.Threshold);
            result.PlanVersionNumber.ShouldBe(1);
        }
    }

    [Fact]
    public void RedWithAJump_SaysTheJumpWasUnusual_AndAsksForANewMeasurement()
    {
        var result = Last(Copd, [.. Usual(MeasurementType.OxygenSaturation, 96m), Reading(MeasurementType.OxygenSaturation, Start.AddHours(40), 85m)]);

        result.Outcome.ShouldBe(TriageOutcome.Red);
        result.ExplanationNb.ShouldBe("SpO2 85 % er under rød grense 91 % (plan v1). SpO2 85 % er 11 prosentpoeng under nylig nivå 96 % – uvanlig stort sprang; mål gjerne på nytt.");
        result.ExplanationEn.ShouldBe("SpO2 85 % is below the red limit 91 % (plan v1). SpO2 85 % is 11 percentage points below the recent level 96 % – an unusually large jump; please measure again.");
        result.Inputs.ShouldContain(new TriageInput("oxygenSaturation.recentLevel", 96m, "%"));
    }

    [Fact]
    public void ConfirmedJump_IsExplainedAsConfirmedByThePatient()
    {
        var report = Reading(MeasurementType.BodyWeight, Start.AddHours(40), 92m) with { Confirmed = true };

        var result = Last(Copd, [.. Usual(MeasurementType.BodyWeight, 85m), report]);

        result.ExplanationNb.ShouldEndWith("Vekt 92 kg er 7 kg over nylig nivå 85 kg – uvanlig stort sprang; pasienten bekreftet verdien.");
    }

    [Fact]
    public void NormalReMeasure_AfterARedWithAJump_LeavesTheRedAsItWas()
    {
        var results = All(Copd, [.. Usual(MeasurementType.OxygenSaturation, 96m), Reading(MeasurementType.OxygenSaturation, Start.AddHours(40), 85m),
            Reading(MeasurementType.OxygenSaturation, Start.AddHours(40.2), 95m)]);

        results[^2].Outcome.ShouldBe(TriageOutcome.Red);
        results[^1].Outcome.ShouldBe(TriageOutcome.Green);
    }

    [Fact]
    public void RedByATrendRule_WinsOverAJump()
    {
        var plan = Plan(Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m)]));
        var result = Last(plan, [.. Usual(MeasurementType.BodyWeight, 80m), Reading(MeasurementType.BodyWeight, Start.AddHours(40), 85m)]);

        result.Outcome.ShouldBe(TriageOutcome.Red);
        result.RuleId.ShouldBe(TriageRuleIds.Change);
        result.ExplanationNb.ShouldContain("uvanlig stort sprang; mål gjerne på nytt");
    }

    [Fact]
    public void WeightCheckedByATrendRuleOnly_SaysTheChangeWasWithinThePlan()
    {
        var plan = Plan(Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m)]));

        var result = Last(plan, Reading(MeasurementType.BodyWeight, Start, 82.9m), Reading(MeasurementType.BodyWeight, Start.AddDays(1), 83.5m),
            Reading(MeasurementType.BodyWeight, Start.AddDays(3), 84.1m));

        result.Outcome.ShouldBe(TriageOutcome.Green);
        result.BaseOutcome.ShouldBe(TriageOutcome.NoThresholds);
        result.RuleId.ShouldBe(TriageRuleIds.Change);
        result.ExplanationNb.ShouldBe("Vekt 84,1 kg: endring siste 3 dager +1,2 kg, innenfor planen (plan v1).");
        result.ExplanationEn.ShouldBe("Weight 84.1 kg: change over the last 3 days +1.2 kg, within the plan (plan v1).");
    }

    [Fact]
    public void News2_IsShownWheneverItWasComputed_EvenWhenItDidNotRaiseTheZone()
    {
        var plan = Plan(Rules(news2: new News2Settings(WindowMinutes: 120)), new QuantityThreshold(MeasuredQuantity.Pulse, YellowHigh: 110m, RedHigh: 130m));
        TriageReport[] session =
        [
            Reading(MeasurementType.RespiratoryRate, Start, 16m), Reading(MeasurementType.OxygenSaturation, Start, 97m),
            Reading(MeasurementType.BloodPressure, Start, 125m, 80m), Reading(MeasurementType.BodyTemperature, Start, 37.0m),
            Answers(Questionnaires.QuestionnaireCatalogue.DailySymptomsId, Start.AddMinutes(1), ("more-breathless", "no"), ("swelling", "no"), ("chest-pain", "no"),
                ("new-confusion", "no"), ("on-oxygen", "no")),
            Reading(MeasurementType.Pulse, Start.AddMinutes(2), 72m),
        ];

        var result = Last(plan, session);

        result.Outcome.ShouldBe(TriageOutcome.Green);
        result.RuleId.ShouldBe(TriageRuleIds.Threshold);
        result.ExplanationNb.ShouldBe("Puls 72 /min er innenfor grensene (plan v1). NEWS2 0 (RF 0, SpO2 0, O2 0, BT 0, puls 0, bevissthet 0, temp 0) – grønn under 5 (plan v1).");
        result.Inputs.ShouldContain(new TriageInput("news2.total", 0m, "{score}"));
    }
}
