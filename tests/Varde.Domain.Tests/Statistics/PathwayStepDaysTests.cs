using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Statistics;

namespace Varde.Domain.Tests.Statistics;

public sealed class PathwayStepDaysTests
{
    private static readonly Caller Nurse = new("days-nurse", Role.Nurse, Guid.Empty);

    [Fact]
    public void EachStep_IsKeptWithItsNorwegianDate_AsItIsTaken()
    {
        var referred = new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero); // 00:30 on the 29th in Oslo
        var pathway = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Nurse, referred).Value;
        pathway.StepDays.ShouldBe("Refer:Referred:2026-03-29");

        pathway.StartAssessment(Nurse, new DateTimeOffset(2026, 10, 25, 22, 59, 0, TimeSpan.Zero)).ShouldBeEmpty(); // 23:59 in winter time

        pathway.StepDays.ShouldBe("Refer:Referred:2026-03-29 StartAssessment:Assessment:2026-10-25");
        PathwayStepDays.Read(pathway.StepDays).ShouldBe([
            new PathwayStepFact(PathwayStep.Refer, PathwayState.Referred, new(2026, 3, 29)),
            new PathwayStepFact(PathwayStep.StartAssessment, PathwayState.Assessment, new(2026, 10, 25)),
        ]);
    }

    [Fact]
    public void AStepRefused_LeavesTheStepDaysAsTheyWere()
    {
        var pathway = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Nurse, new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero)).Value;

        pathway.StartAssessment(Nurse, new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero)).ShouldNotBeEmpty(); // dated before the referral

        pathway.StepDays.ShouldBe("Refer:Referred:2026-05-01");
    }

    [Fact]
    public void AnEvaluationsStep_CarriesTheAssessmentOfTheEvaluationItHeld_AndOneWithoutAnAssessmentNone()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var pathway = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Nurse, at).Value;
        var history = pathway.History.ToList();
        history.Add(new PathwayEvent(PathwayStep.Evaluate, PathwayState.Active, "n", Role.Nurse, at.AddDays(90)));
        history.Add(new PathwayEvent(PathwayStep.Evaluate, PathwayState.Active, "n", Role.Nurse, at.AddDays(180)));
        var first = new EvaluationAssessment(GoalAttainment.PartlyMet, SelfManagementChange.Better, FeelsSafer: true, ReportsWithoutHelp: false);
        Evaluation[] evaluations =
        [
            new(new(2026, 4, 5), at.AddDays(90), null, true, first),
            new(new(2026, 7, 4), at.AddDays(180), "Før strukturert vurdering", true), // held before the assessment existed
            new(new(2026, 10, 2)), // not held yet
        ];

        var text = PathwayStepDays.Of(history, evaluations);

        text.ShouldBe("Refer:Referred:2026-01-05 Evaluate:Active:2026-04-05:PartlyMet:Better:1:0 Evaluate:Active:2026-07-04");
        PathwayStepDays.Read(text).ShouldBe([
            new PathwayStepFact(PathwayStep.Refer, PathwayState.Referred, new(2026, 1, 5)),
            new PathwayStepFact(PathwayStep.Evaluate, PathwayState.Active, new(2026, 4, 5), first),
            new PathwayStepFact(PathwayStep.Evaluate, PathwayState.Active, new(2026, 7, 4)),
        ]);
    }

    [Fact]
    public void AnAssessmentWithAValueNoChoiceHas_IsLeftOut_SoTheTextCanBeRead()
    {
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var history = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Nurse, at).Value.History.ToList();
        history.Add(new PathwayEvent(PathwayStep.Evaluate, PathwayState.Active, "n", Role.Nurse, at.AddDays(90)));
        var edited = new EvaluationAssessment((GoalAttainment)7, SelfManagementChange.Same, FeelsSafer: true, ReportsWithoutHelp: true);

        var text = PathwayStepDays.Of(history, [new Evaluation(new(2026, 4, 5), at.AddDays(90), null, true, edited)]);

        text.ShouldBe("Refer:Referred:2026-01-05 Evaluate:Active:2026-04-05");
        PathwayStepDays.Read(text)[1].Assessment.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Refer:Referred:2026-01-01 Decide:Accepted:2026-01-05")]
    [InlineData("Refer:Referred:2028-02-29 Evaluate:Active:2028-12-31 End:Ended:9999-12-31")]
    public void WhatIsWritten_IsReadBack(string text) =>
        string.Join(' ', PathwayStepDays.Read(text).Select(s => $"{s.Step}:{s.State}:{s.On:yyyy-MM-dd}")).ShouldBe(text);

    [Theory]
    [InlineData("Refer:Referred")]
    [InlineData("Refer:Referred:2026-13-01")]
    [InlineData("Refer:Referred:2026-02-29")]
    [InlineData("Refer:Referred:2026-04-31")]
    [InlineData("Refer:Referred:2026-00-10")]
    [InlineData("Refer:Referred:2026-01-00")]
    [InlineData("Refer:Referred:0000-01-01")]
    [InlineData("Refer:Referred:2026-1-01")]
    [InlineData("Refer:Referred:+026-01-01")]
    [InlineData("Refer:Referred:2026-01-0a")]
    [InlineData("Refer:Referred:2026/01/01")]
    [InlineData("Refer:Referred:2026-01-01:")]
    [InlineData("Refer:Referred:")]
    [InlineData("Refer::2026-01-01")]
    [InlineData(":Referred:2026-01-01")]
    [InlineData("Refer:referred:2026-01-01")]
    [InlineData("Refer:Referred:2026-01-01:Met:Better:1:1")]
    [InlineData("Evaluate:Active:2026-01-01:Met:Better:1")]
    [InlineData("Evaluate:Active:2026-01-01:Met:Better:1:1:1")]
    [InlineData("Evaluate:Active:2026-01-01:Met:Better:yes:1")]
    [InlineData("Evaluate:Active:2026-01-01:Met:Better:1:2")]
    [InlineData("Evaluate:Active:2026-01-01:met:Better:1:1")]
    [InlineData("Evaluate:Active:2026-01-01:Met:Fine:1:1")]
    [InlineData("Evaluate:Active:2026-01-01:")]
    [InlineData("Refer:Nowhere:2026-01-01")]
    [InlineData("99:Referred:2026-01-01")]
    [InlineData("0:0:2026-01-01")]
    [InlineData("refer:Referred:2026-01-01")]
    [InlineData("Refer: Referred:2026-01-01")]
    [InlineData("Refer:Referred:2026-01-01  Decide:Accepted:2026-01-05")]
    public void AMalformedText_IsRefused_NotGuessed(string text) =>
        Should.Throw<FormatException>(() => PathwayStepDays.Read(text));
}
