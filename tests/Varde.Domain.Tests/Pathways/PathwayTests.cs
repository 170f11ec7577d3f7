using Varde.Domain.Access;
using Varde.Domain.Pathways;

namespace Varde.Domain.Tests.Pathways;

public sealed class PathwayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Caller Coordinator = new("coordinator", Role.Coordinator, Guid.NewGuid());
    private static readonly Caller Nurse = new("nurse", Role.Nurse, Guid.NewGuid());
    private static readonly Caller Gp = new("gp", Role.Gp, Guid.NewGuid());
    private static readonly Caller Leader = new("leader", Role.Leader, Guid.NewGuid());
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);
    private static readonly Equipment[] Kit = [new("Nettbrett", "TAB-0012"), new("Pulsoksymeter", "OX-4471")];

    private static Pathway Referred() => Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Gp, T0).Value;

    private static Pathway InTrial()
    {
        var p = Referred();
        p.StartAssessment(Nurse, T0.AddDays(1)).ShouldBeEmpty();
        p.Accept(AllMet, new DateOnly(2026, 11, 9), T0.AddDays(3), Coordinator, T0.AddDays(3)).ShouldBeEmpty();
        p.RecordStartUp(T0.AddDays(7), T0.AddDays(7), Kit, Nurse, T0.AddDays(7)).ShouldBeEmpty();
        p.StartTrial(21, Nurse, T0.AddDays(7)).ShouldBeEmpty();
        return p;
    }

    [Fact]
    public void FullPathway_FromReferralToEnded_RecordsEveryStepAndTheDates()
    {
        var p = InTrial();
        p.Activate(hasApprovedPlan: true, new DateOnly(2027, 2, 1), Nurse, T0.AddDays(28)).ShouldBeEmpty();
        p.RecordEvaluation(new(GoalAttainment.Met, SelfManagementChange.Better, true, true), "Mestrer målingene, færre innleggelser.", new DateOnly(2027, 5, 1), Nurse, new DateTimeOffset(2027, 2, 1, 10, 0, 0, TimeSpan.Zero)).ShouldBeEmpty();
        p.End(EndReason.NoLongerBenefits, null, Coordinator, new DateTimeOffset(2027, 5, 2, 10, 0, 0, TimeSpan.Zero)).ShouldBeEmpty();

        p.State.ShouldBe(PathwayState.Ended);
        p.History.Select(h => h.State).ShouldBe([PathwayState.Referred, PathwayState.Assessment, PathwayState.Accepted, PathwayState.Accepted,
            PathwayState.TrialPeriod, PathwayState.Active, PathwayState.Active, PathwayState.Ended]);
        p.StartDate.ShouldBe(new DateOnly(2026, 11, 9));
        p.TrialEndsOn.ShouldBe(new DateOnly(2026, 11, 30));
        p.Equipment.Select(e => e.SerialNumber).ShouldBe(["TAB-0012", "OX-4471"]);
        p.Evaluations.Select(e => e.Continue).ShouldBe([true, null]);
        p.Evaluations[0].Assessment!.Goals.ShouldBe(GoalAttainment.Met);
        p.EndReason.ShouldBe(EndReason.NoLongerBenefits);
        p.Checklist!.NeedsLentTablet.ShouldBeTrue();
    }

    public static TheoryData<string, Role, PathwayStep, bool> Roles => new()
    {
        { "GP refers", Role.Gp, PathwayStep.Refer, true },
        { "specialist refers", Role.Specialist, PathwayStep.Refer, true },
        { "leader cannot refer", Role.Leader, PathwayStep.Refer, false },
        { "coordinator decides", Role.Coordinator, PathwayStep.Decide, true },
        { "nurse cannot decide", Role.Nurse, PathwayStep.Decide, false },
        { "GP cannot decide", Role.Gp, PathwayStep.Decide, false },
        { "the allocation office decides", Role.AllocationOffice, PathwayStep.Decide, true },
        { "the allocation office does not refer", Role.AllocationOffice, PathwayStep.Refer, false },
        { "the allocation office does not assess", Role.AllocationOffice, PathwayStep.StartAssessment, false },
        { "the allocation office does not end", Role.AllocationOffice, PathwayStep.End, false },
        { "nurse activates", Role.Nurse, PathwayStep.Activate, true },
        { "GP cannot activate", Role.Gp, PathwayStep.Activate, false },
        { "gateway cannot end", Role.DeviceGateway, PathwayStep.End, false },
        { "patient cannot end", Role.Patient, PathwayStep.End, false },
    };

    [Theory, MemberData(nameof(Roles))]
    public void Roles_DecideWhoMayTakeAStep(string because, Role role, PathwayStep step, bool allowed) =>
        PathwayRoles.May(role, step).ShouldBe(allowed, because);

    [Fact]
    public void ForbiddenSteps_ChangeNothing()
    {
        var p = Referred();

        p.Accept(AllMet, new DateOnly(2026, 11, 9), T0, Coordinator, T0.AddDays(1)).ShouldHaveSingleItem().Field.ShouldBe("state");
        p.StartAssessment(Gp, T0.AddDays(1)).ShouldHaveSingleItem().Field.ShouldBe("role");
        p.StartAssessment(Nurse, T0.AddDays(-1)).ShouldHaveSingleItem().Field.ShouldBe("at");
        p.State.ShouldBe(PathwayState.Referred);
        p.History.ShouldHaveSingleItem();

        p.StartAssessment(Nurse, T0.AddDays(1)).ShouldBeEmpty();
        p.Accept(AllMet, new DateOnly(2026, 11, 9), T0, Nurse, T0.AddDays(2)).ShouldHaveSingleItem().Field.ShouldBe("role");
        p.Accept(AllMet with { Motivated = false }, new DateOnly(2026, 11, 9), T0, Coordinator, T0.AddDays(2)).ShouldHaveSingleItem().Message.ShouldContain("motivated");
        p.Decline(AllMet, " ", T0, Coordinator, T0.AddDays(2)).ShouldHaveSingleItem().Field.ShouldBe("reason");
        p.State.ShouldBe(PathwayState.Assessment);
        p.Decline(AllMet with { ObservableAtDistance = false }, "Tilstanden kan ikke følges på avstand.", T0.AddDays(2), Coordinator, T0.AddDays(2)).ShouldBeEmpty();
        p.State.ShouldBe(PathwayState.Declined);
        p.End(EndReason.Other, "x", Coordinator, T0.AddDays(3)).ShouldHaveSingleItem().Field.ShouldBe("state");
        Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Leader, T0).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void TrialPeriod_NeedsTheStartUpAndLasts14To28Days()
    {
        var p = Referred();
        p.StartAssessment(Nurse, T0.AddDays(1));
        p.Accept(AllMet, new DateOnly(2026, 11, 9), T0.AddDays(3), Coordinator, T0.AddDays(3));

        p.StartTrial(21, Nurse, T0.AddDays(6)).ShouldHaveSingleItem().Field.ShouldBe("startUp");
        p.RecordStartUp(T0.AddDays(7), T0.AddDays(7), [new("Nettbrett", " ")], Nurse, T0.AddDays(7)).ShouldHaveSingleItem().Field.ShouldBe("equipment");
        p.RecordStartUp(T0.AddDays(7), T0.AddDays(7), Kit, Nurse, T0.AddDays(7)).ShouldBeEmpty();
        p.StartTrial(13, Nurse, T0.AddDays(7)).ShouldHaveSingleItem().Field.ShouldBe("days");
        p.StartTrial(29, Nurse, T0.AddDays(7)).ShouldHaveSingleItem().Field.ShouldBe("days");
        p.StartTrial(14, Nurse, T0.AddDays(7)).ShouldBeEmpty();
    }

    [Fact]
    public void Activate_WithoutAGpApprovedPlan_IsRefused()
    {
        var p = InTrial();

        p.Activate(hasApprovedPlan: false, new DateOnly(2027, 2, 1), Nurse, T0.AddDays(28)).ShouldHaveSingleItem().Field.ShouldBe("plan");
        p.State.ShouldBe(PathwayState.TrialPeriod);
        p.End(EndReason.Other, null, Nurse, T0.AddDays(28)).ShouldHaveSingleItem().Field.ShouldBe("note");
        p.End(EndReason.DeclinedFurther, null, Nurse, T0.AddDays(28)).ShouldBeEmpty();
        p.EndedAt.ShouldBe(T0.AddDays(28));
    }
}
