using Varde.Domain.Access;
using Varde.Domain.Pathways;

namespace Varde.Domain.Tests.Pathways;

/// <summary>Every step from every state: allowed exactly where the pathway says, refused ("state") everywhere else, without changing anything.</summary>
public sealed class PathwayTransitionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = T0.AddDays(60);
    private static readonly Caller Coordinator = new("coordinator", Role.Coordinator, Guid.NewGuid());
    private static readonly Caller Nurse = new("nurse", Role.Nurse, Guid.NewGuid());
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, true, true, true);
    private static readonly Equipment[] Kit = [new("Nettbrett", "TAB-1")];

    private static readonly Dictionary<PathwayStep, PathwayState[]> AllowedFrom = new()
    {
        [PathwayStep.StartAssessment] = [PathwayState.Referred],
        [PathwayStep.Decide] = [PathwayState.Assessment],
        [PathwayStep.StartUp] = [PathwayState.Accepted],
        [PathwayStep.StartTrial] = [PathwayState.Accepted],
        [PathwayStep.Activate] = [PathwayState.TrialPeriod],
        [PathwayStep.Evaluate] = [PathwayState.Active],
        [PathwayStep.End] = [PathwayState.Assessment, PathwayState.Accepted, PathwayState.TrialPeriod, PathwayState.Active],
    };

    public static TheoryData<PathwayState, PathwayStep> Pairs()
    {
        var data = new TheoryData<PathwayState, PathwayStep>();
        foreach (var state in Enum.GetValues<PathwayState>())
            foreach (var step in AllowedFrom.Keys)
                data.Add(state, step);
        return data;
    }

    [Theory, MemberData(nameof(Pairs))]
    public void Step_IsAllowedExactlyFromItsStates(PathwayState state, PathwayStep step)
    {
        var p = In(state);
        var before = (p.State, p.Version, p.History.Count);

        var errors = Take(p, step);

        if (AllowedFrom[step].Contains(state))
        {
            errors.ShouldBeEmpty();
            p.Version.ShouldBe(before.Version + 1);
            p.History[^1].Step.ShouldBe(step);
            p.History[^1].At.ShouldBe(Later);
        }
        else
        {
            errors.ShouldHaveSingleItem().Field.ShouldBe("state");
            (p.State, p.Version, p.History.Count).ShouldBe(before);
        }
    }

    private static IReadOnlyList<ValidationError> Take(Pathway p, PathwayStep step) => step switch
    {
        PathwayStep.StartAssessment => p.StartAssessment(Nurse, Later),
        PathwayStep.Decide => p.Accept(AllMet, DateOnly.FromDateTime(Later.UtcDateTime), Later, Coordinator, Later),
        PathwayStep.StartUp => p.RecordStartUp(Later, Later, Kit, Nurse, Later),
        PathwayStep.StartTrial => p.StartTrial(14, Nurse, Later),
        PathwayStep.Activate => p.Activate(hasApprovedPlan: true, DateOnly.FromDateTime(Later.UtcDateTime).AddDays(30), Nurse, Later),
        PathwayStep.Evaluate => p.RecordEvaluation(new(GoalAttainment.PartlyMet, SelfManagementChange.Same, true, false), "Fortsetter", DateOnly.FromDateTime(Later.UtcDateTime).AddDays(90), Nurse, Later),
        _ => p.End(EndReason.Moved, null, Nurse, Later),
    };

    // Builds a pathway in the state, the start-up recorded in Accepted so starting the trial is possible.
    private static Pathway In(PathwayState state)
    {
        var p = Pathway.Refer(Guid.NewGuid(), Guid.NewGuid(), "Fastlege", Nurse, T0).Value;
        if (state == PathwayState.Referred)
            return p;
        p.StartAssessment(Nurse, T0.AddDays(1)).ShouldBeEmpty();
        if (state == PathwayState.Assessment)
            return p;
        if (state == PathwayState.Declined)
        {
            p.Decline(AllMet, "Ønsker ikke", T0.AddDays(2), Coordinator, T0.AddDays(2)).ShouldBeEmpty();
            return p;
        }

        if (state == PathwayState.Ended)
        {
            p.End(EndReason.Died, null, Nurse, T0.AddDays(2)).ShouldBeEmpty();
            return p;
        }

        p.Accept(AllMet, new DateOnly(2026, 11, 9), T0.AddDays(2), Coordinator, T0.AddDays(2)).ShouldBeEmpty();
        p.RecordStartUp(T0.AddDays(3), T0.AddDays(3), Kit, Nurse, T0.AddDays(3)).ShouldBeEmpty();
        if (state == PathwayState.Accepted)
            return p;
        p.StartTrial(21, Nurse, T0.AddDays(4)).ShouldBeEmpty();
        if (state == PathwayState.TrialPeriod)
            return p;
        p.Activate(hasApprovedPlan: true, new DateOnly(2026, 12, 30), Nurse, T0.AddDays(25)).ShouldBeEmpty();
        return p;
    }
}
