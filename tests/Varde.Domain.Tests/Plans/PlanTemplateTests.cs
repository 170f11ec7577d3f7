using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

/// <summary>Issue 17 item 7: a plan template is checked exactly as a plan's content is; each change is a new version; it is retired, never deleted.</summary>
public sealed class PlanTemplateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static PlanTemplate Copd() => PlanTemplate.Create(Guid.NewGuid(), "KOLS", DiagnosisGroup.Copd, null, DefaultPlans.Thresholds(DiagnosisGroup.Copd),
        DefaultPlans.Rules(DiagnosisGroup.Copd), "admin", Now).Value;

    [Fact]
    public void TheDefaultPlans_AreValidTemplates_AndValidPlans()
    {
        foreach (var group in DefaultPlans.Groups)
        {
            var rules = DefaultPlans.Rules(group) with { Guidance = DefaultPlans.Guidance(group) };
            var template = PlanTemplate.Create(Guid.NewGuid(), DefaultPlans.Name(group), group, DefaultPlans.Description, DefaultPlans.Thresholds(group), rules, "varde", Now);
            template.IsValid.ShouldBeTrue(string.Join("; ", template.Errors.Select(e => e.Message)));
            template.Value.Version.ShouldBe(1);
            PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [.. template.Value.Thresholds], "nurse", Now, null, template.Value.Rules).IsValid.ShouldBeTrue();
        }
    }

    [Fact]
    public void Content_IsCheckedWithThePlansOwnRules_UnderThePlansFieldNames()
    {
        var thresholds = new[] { new QuantityThreshold(MeasuredQuantity.Pulse, YellowHigh: 120m, RedHigh: 100m) };
        var rules = PlanRules.None with
        {
            Schedule = [new ScheduleItem(MeasurementType.Pulse, null, [], new TimeOnly(9, 0))],
            Changes = [new ChangeRule(MeasuredQuantity.BodyWeight, 0, YellowRise: 2m)],
            Answers = [new AnswerRule("daily-symptoms", "more-breathless", "yes", TriageOutcome.Green)],
        };

        var template = PlanTemplate.Create(Guid.NewGuid(), "Puls", DiagnosisGroup.HeartFailure, null, thresholds, rules, "admin", Now);
        var plan = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), thresholds, "nurse", Now, null, rules);

        template.Errors.Select(e => e.Field).ShouldBe(plan.Errors.Select(e => e.Field));
        template.Errors.Select(e => e.Field).ShouldBe(["thresholds[0]", "rules.changes[0]", "rules.answers[0]", "rules.schedule[0]"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("", DiagnosisGroup.Copd, "name")]
    [InlineData("KOLS", DiagnosisGroup.None, "diagnosis")]
    [InlineData("KOLS og hjertesvikt", DiagnosisGroup.Copd | DiagnosisGroup.HeartFailure, "diagnosis")]
    public void ANameAndOneDiagnosisGroup_AreRequired(string name, DiagnosisGroup diagnosis, string field) =>
        PlanTemplate.Create(Guid.NewGuid(), name, diagnosis, null, [], null, "admin", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);

    [Fact]
    public void Edit_MakesTheNextVersion_AndARefusedEditChangesNothing()
    {
        var template = Copd();

        template.Edit("KOLS – ny", DiagnosisGroup.Copd, "Lavere SpO2-grenser", [new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 86m, YellowLow: 89m)],
            template.Rules, "admin-2", Now.AddDays(1)).ShouldBeEmpty();
        var refused = template.Edit("", DiagnosisGroup.Copd, null, [], null, "admin-2", Now.AddDays(2));

        refused.ShouldHaveSingleItem().Field.ShouldBe("name");
        template.Version.ShouldBe(2);
        template.Name.ShouldBe("KOLS – ny");
        template.Thresholds.ShouldHaveSingleItem().RedLow.ShouldBe(86m);
        template.ChangedBy.ShouldBe("admin-2");
        template.ChangedAt.ShouldBe(Now.AddDays(1));
    }

    [Fact]
    public void Retire_KeepsTheFirstTime_AndTheContent()
    {
        var template = Copd();

        template.Retire("admin", Now.AddDays(1));
        template.Retire("admin-2", Now.AddDays(2));

        template.IsActive.ShouldBeFalse();
        template.RetiredAt.ShouldBe(Now.AddDays(1));
        template.Version.ShouldBe(1);
        template.Thresholds.ShouldNotBeEmpty();
    }
}
