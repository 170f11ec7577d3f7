using Varde.Domain.Access;
using Varde.Domain.Pathways;

namespace Varde.Server.Demo;

/// <summary>
/// Demo pathways, so the board has patients in every state: the 40 followed patients are active (three are still in
/// the trial period, one of them with a plan draft waiting for the GP), and five more patients are referred, being
/// assessed, accepted (started up, trial not begun), declined and ended. Every second active patient has held a
/// first evaluation a month after follow-up began, with a structured assessment, so the leader's figures show evaluations.
/// </summary>
public static class DemoPathways
{
    public const int TrialWithDraftIndex = 12;

    public static readonly IReadOnlyList<(int Index, PathwayState State)> Referrals =
    [
        (DemoPopulation.Count, PathwayState.Referred),
        (DemoPopulation.Count + 1, PathwayState.Assessment),
        (DemoPopulation.Count + 2, PathwayState.Accepted),
        (DemoPopulation.Count + 3, PathwayState.Declined),
        (DemoPopulation.Count + 4, PathwayState.Ended),
    ];

    private static readonly Caller Nurse = new(DemoIds.For("sykepleier1").ToString(), Role.Nurse, Guid.Empty);
    private static readonly Caller Coordinator = new(DemoIds.For("koordinator").ToString(), Role.Coordinator, Guid.Empty);
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: true, HasOwnDevice: false, HasCoverage: true);

    public static bool InTrial(int index) => index % 13 == 12;

    /// <summary>A followed patient's pathway: active since <paramref name="start"/>, or in the trial period (started 20 days ago).</summary>
    public static Pathway ForFollowed(DemoPopulation.DemoPatient p, DateTimeOffset start, DateTimeOffset now)
    {
        if (InTrial(p.Index))
        {
            var trial = UpToAccepted(p, start, start.AddDays(1), start.AddDays(2));
            Check(trial.RecordStartUp(start.AddDays(3), start.AddDays(3), Equipment(p), Nurse, start.AddDays(3)));
            Check(trial.StartTrial(Pathway.LongestTrialDays, Nurse, now.AddDays(-20)));
            return trial;
        }

        var pathway = UpToAccepted(p, start.AddDays(-30), start.AddDays(-28), start.AddDays(-25));
        Check(pathway.RecordStartUp(start.AddDays(-22), start.AddDays(-22), Equipment(p), Nurse, start.AddDays(-22)));
        Check(pathway.StartTrial(21, Nurse, start.AddDays(-21)));
        if (!HeldAnEvaluation(p.Index))
        {
            Check(pathway.Activate(hasApprovedPlan: true, DateOnly.FromDateTime(now.UtcDateTime).AddDays(10 + (p.Index % 50)), Nurse, start));
            return pathway;
        }

        var held = start.AddDays(EvaluatedAfterDays);
        Check(pathway.Activate(hasApprovedPlan: true, DateOnly.FromDateTime(held.UtcDateTime), Nurse, start));
        Check(pathway.RecordEvaluation(Assessment(p.Index), "Første evaluering etter en måned.", DateOnly.FromDateTime(held.UtcDateTime).AddDays(90), Nurse, held));
        return pathway;
    }

    private const int EvaluatedAfterDays = 30;

    /// <summary>Whether the followed patient's pathway (active, not in trial) has held its first evaluation: every second one.</summary>
    public static bool HeldAnEvaluation(int index) => !InTrial(index) && index % 2 == 0;

    // A fixed mix spread over the 18 evaluations so every choice has at least 5 (the figures hide counts of 1-4): goals
    // met 8, partly met 5, not met 5; self-management better 8, the same 5, worse 5; 13 feel safer, 13 report without help.
    private static EvaluationAssessment Assessment(int index)
    {
        var rank = DemoPopulation.All.Count(q => q.Index < index && HeldAnEvaluation(q.Index));
        return new((rank * 5 % 18) switch { < 8 => GoalAttainment.Met, < 13 => GoalAttainment.PartlyMet, _ => GoalAttainment.NotMet },
            (rank * 7 % 18) switch { < 8 => SelfManagementChange.Better, < 13 => SelfManagementChange.Same, _ => SelfManagementChange.Worse },
            FeelsSafer: rank * 11 % 18 >= 5, ReportsWithoutHelp: rank * 13 % 18 >= 5);
    }

    /// <summary>One of the five referred patients, taken to its state over the last days.</summary>
    public static Pathway ForReferral(DemoPopulation.DemoPatient p, PathwayState state, DateTimeOffset now)
    {
        var referred = now.AddDays(-6);
        var pathway = Pathway.Refer(DemoIds.For($"pathway-{p.Index}"), p.Id, "Fastlege (elektronisk henvisning)", Nurse, referred).Value;
        if (state == PathwayState.Referred)
            return pathway;
        Check(pathway.StartAssessment(Nurse, referred.AddDays(1)));
        switch (state)
        {
            case PathwayState.Accepted:
                Check(pathway.Accept(AllMet, DateOnly.FromDateTime(now.UtcDateTime).AddDays(2), referred.AddDays(2), Coordinator, referred.AddDays(2)));
                Check(pathway.RecordStartUp(now.AddDays(-1), now.AddDays(-1), Equipment(p), Nurse, now.AddDays(-1)));
                break;
            case PathwayState.Declined:
                Check(pathway.Decline(AllMet with { Motivated = false }, "Pasienten ønsker ikke digital oppfølging nå.", referred.AddDays(3), Coordinator,
                    referred.AddDays(3)));
                break;
            case PathwayState.Ended:
                Check(pathway.End(EndReason.Moved, "Flyttet til Bergen.", Nurse, referred.AddDays(4)));
                break;
        }

        return pathway;
    }

    private static Pathway UpToAccepted(DemoPopulation.DemoPatient p, DateTimeOffset referred, DateTimeOffset assessed, DateTimeOffset decided)
    {
        var pathway = Pathway.Refer(DemoIds.For($"pathway-{p.Index}"), p.Id, p.SharedWithHospital ? "Sykehuset, lungeavdelingen" : "Fastlege", Nurse, referred).Value;
        Check(pathway.StartAssessment(Nurse, assessed));
        Check(pathway.Accept(AllMet, DateOnly.FromDateTime(decided.UtcDateTime).AddDays(3), decided, Coordinator, decided));
        return pathway;
    }

    private static List<Equipment> Equipment(DemoPopulation.DemoPatient p) =>
        [new("Nettbrett", $"TAB-{1000 + p.Index}"), new("Blodtrykksmåler", $"BP-{2000 + p.Index}"), new("Pulsoksymeter", $"OX-{3000 + p.Index}")];

    private static void Check(IReadOnlyList<Domain.ValidationError> errors)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException("Demo pathway: " + errors[0].Message);
    }
}
