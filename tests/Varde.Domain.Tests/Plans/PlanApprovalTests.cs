using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;

namespace Varde.Domain.Tests.Plans;

public sealed class PlanApprovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);
    private static readonly Caller Gp = new("gp-1", Role.Gp, Guid.Empty);
    private static readonly Caller Nurse = new("nurse-1", Role.Nurse, Guid.Empty);

    private static PlanVersion Draft() => PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), [Spo2], "nurse-1", Now).Value;

    [Fact]
    public void NewVersion_IsADraft_AndNotInForce()
    {
        var draft = Draft();

        draft.IsApproved.ShouldBeFalse();
        PlanInForce.At([draft], Now.AddDays(10)).ShouldBeNull();
        PlanInForce.Newest([draft]).ShouldBeNull();
    }

    [Fact]
    public void GpApproval_PutsTheVersionInForceFromTheApproval_NotFromWhenItWasMade()
    {
        var draft = Draft();

        draft.Approve(Gp, Now.AddHours(5), 1).ShouldBeEmpty();

        draft.Approval.ShouldBe(new PlanApproval("gp-1", Now.AddHours(5)));
        PlanInForce.At([draft], Now.AddHours(4)).ShouldBeNull();
        PlanInForce.At([draft], Now.AddHours(5)).ShouldBe(draft);
    }

    [Theory]
    [InlineData(Role.Nurse)]
    [InlineData(Role.Specialist)]
    [InlineData(Role.Coordinator)]
    [InlineData(Role.Patient)]
    public void OnlyAGp_Approves(Role role)
    {
        var draft = Draft();

        draft.Approve(new Caller("x", role, Guid.Empty), Now, 1).ShouldHaveSingleItem().Field.ShouldBe("role");
        draft.IsApproved.ShouldBeFalse();
    }

    [Fact]
    public void ApprovingTwice_IsRefused_AndKeepsTheFirstApproval()
    {
        var draft = Draft();
        draft.Approve(Gp, Now, 1);

        draft.Approve(Gp with { ActorId = "gp-2" }, Now.AddHours(1), 1).ShouldHaveSingleItem().Field.ShouldBe("approval");
        draft.Approval!.ApprovedBy.ShouldBe("gp-1");
    }

    [Fact]
    public void AnOlderDraft_CannotBeApproved_OnceANewerVersionReplacedIt()
    {
        var first = Draft();
        var second = first.Revise(Guid.NewGuid(), [Spo2 with { RedLow = 86m }], "nurse-1", Now.AddHours(1)).Value;

        first.Approve(Gp, Now.AddHours(2), second.Number).ShouldHaveSingleItem().Field.ShouldBe("version");
        second.Approve(Gp, Now.AddHours(2), second.Number).ShouldBeEmpty();
    }

    [Fact]
    public void ApprovalBeforeTheVersionWasMade_IsRefused() =>
        Draft().Approve(Gp, Now.AddMinutes(-1), 1).ShouldHaveSingleItem().Field.ShouldBe("at");

    [Fact]
    public void ADraftAfterAnApprovedVersion_LeavesTheApprovedOneInForce_UntilTheGpApproves()
    {
        var first = Draft();
        first.Approve(Gp, Now, 1);
        var second = first.Revise(Guid.NewGuid(), [Spo2 with { RedLow = 86m }], "nurse-1", Now.AddDays(1), "Lavere rød grense").Value;

        PlanInForce.At([first, second], Now.AddDays(2)).ShouldBe(first);
        PlanInForce.Newest([first, second]).ShouldBe(first);

        second.Approve(Gp, Now.AddDays(3), 2).ShouldBeEmpty();
        PlanInForce.At([first, second], Now.AddDays(2)).ShouldBe(first);
        PlanInForce.At([first, second], Now.AddDays(3)).ShouldBe(second);
        PlanInForce.Newest([first, second]).ShouldBe(second);
    }

    [Fact]
    public void AsInForceFrom_GivesAnApprovedCopy_AndLeavesTheDraftADraft()
    {
        var draft = Draft();

        var copy = draft.AsInForceFrom(Now.AddDays(-30));

        copy.IsApproved.ShouldBeTrue();
        PlanInForce.At([copy], Now.AddDays(-29)).ShouldBe(copy);
        copy.Thresholds.ShouldBe(draft.Thresholds);
        draft.IsApproved.ShouldBeFalse();
    }

    [Fact]
    public void Nurse_CannotApproveHerOwnDraft() =>
        Draft().Approve(Nurse, Now, 1).ShouldHaveSingleItem().Field.ShouldBe("role");
}
