using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Server.Generator;

/// <summary>
/// The pathway and registry extract a synthetic patient gets, so the statistics have something to count (B6): referred
/// on a day spread over the three years before the end, then — by a fixed mix — still under assessment (3 %), declined
/// (2 %), accepted but not started (3 %), in the trial period (3 %), active (78 %) or ended with a reason (10 %); 1 % has no
/// pathway (enrolled without one). An active pathway is evaluated every 90 days, with a structured assessment. One in
/// ten whose twelve months after the start are over has a registry extract: admissions, bed days and GP visits for each
/// month of the year before and the year from the start, with a little less use after. Drawn from a random stream of its
/// own, so the population, plans and readings are the same as without it.
/// </summary>
public static class SyntheticPathways
{
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);

    /// <summary>The pathway (null for the few enrolled without one) and the extract's months of one patient.</summary>
    public static (Pathway? Pathway, IReadOnlyList<ServiceUseMonth> Use) For(int seed, int index, Patient patient, Guid serviceId, string nurseId,
        DateTimeOffset end)
    {
        var r = Deterministic.Random(seed, "pathway", index);
        var kind = r.NextDouble();
        if (kind < 0.01)
            return (null, []);
        var nurse = new Caller(nurseId, Role.Nurse, serviceId);
        var coordinator = new Caller($"generator-coordinator-{serviceId}", Role.Coordinator, serviceId);
        var referred = end.AddDays(-r.Next(45, 3 * 365)).AddHours(-r.Next(0, 8));
        var pathway = Pathway.Refer(Deterministic.Id(seed, "pathway", index), patient.Id, "Fastlege", nurse, referred).Value;
        Check(pathway.StartAssessment(nurse, referred.AddHours(2)));
        if (kind < 0.04)
            return (pathway, []);
        var decided = referred.AddDays(r.Next(2, 10));
        if (kind < 0.06)
        {
            Check(pathway.Decline(AllMet, "Ikke aktuelt nå", decided, coordinator, decided));
            return (pathway, []);
        }

        Check(pathway.Accept(AllMet, DateOnly.FromDateTime(decided.UtcDateTime).AddDays(7), decided, coordinator, decided));
        if (kind < 0.09)
            return (pathway, []);
        var trial = decided.AddDays(r.Next(5, 14));
        Check(pathway.RecordStartUp(trial, trial, [new("Nettbrett", $"TAB-{index}")], nurse, trial));
        Check(pathway.StartTrial(14, nurse, trial));
        if (kind < 0.12 || trial.AddDays(14) > end)
            return (pathway, []);
        var active = trial.AddDays(14);
        Check(pathway.Activate(true, DateOnly.FromDateTime(active.UtcDateTime).AddDays(EvaluationEveryDays), nurse, active));
        if (kind >= 0.90 && active.AddDays(30) < end)
        {
            var ended = active.AddDays(r.Next(30, Math.Max(31, (int)(end - active).TotalDays)));
            var reason = Enum.GetValues<EndReason>()[r.Next(Enum.GetValues<EndReason>().Length)];
            HoldEvaluations(seed, index, pathway, active, ended, nurse);
            Check(pathway.End(reason, reason == EndReason.Other ? "Syntetisk avslutning" : null, nurse, ended));
        }
        else
        {
            HoldEvaluations(seed, index, pathway, active, end, nurse);
        }

        return (pathway, Extract(r, patient.Id, trial, end));
    }

    private const int EvaluationEveryDays = 90;

    // Every evaluation due before the pathway ended (or before the end of the data), held on its day with a structured
    // assessment: goals met for most, partly for a third, not for one in ten; self-management better or the same for
    // most; most feel safer and report without help. From a random stream of its own, so the mix of states stays as it was.
    private static void HoldEvaluations(int seed, int index, Pathway pathway, DateTimeOffset active, DateTimeOffset until, Caller nurse)
    {
        var r = Deterministic.Random(seed, "evaluation", index);
        for (var held = active.AddDays(EvaluationEveryDays); held < until; held = held.AddDays(EvaluationEveryDays))
        {
            var goals = r.NextDouble() switch { < 0.55 => GoalAttainment.Met, < 0.9 => GoalAttainment.PartlyMet, _ => GoalAttainment.NotMet };
            var selfManagement = r.NextDouble() switch { < 0.45 => SelfManagementChange.Better, < 0.9 => SelfManagementChange.Same, _ => SelfManagementChange.Worse };
            var assessment = new EvaluationAssessment(goals, selfManagement, FeelsSafer: r.NextDouble() < 0.8, ReportsWithoutHelp: r.NextDouble() < 0.85);
            Check(pathway.RecordEvaluation(assessment, null, DateOnly.FromDateTime(held.UtcDateTime).AddDays(EvaluationEveryDays), nurse, held));
        }
    }

    // One in ten whose year after the start is over: a year before and a year from the start month, three services.
    private static List<ServiceUseMonth> Extract(Random r, Guid patientId, DateTimeOffset trial, DateTimeOffset end)
    {
        var start = new DateOnly(trial.Year, trial.Month, 1);
        if (r.Next(10) != 0 || start.AddMonths(12) > new DateOnly(end.Year, end.Month, 1))
            return [];
        var months = new List<ServiceUseMonth>(72);
        for (var m = -12; m < 12; m++)
        {
            var month = start.AddMonths(m);
            var after = m >= 0;
            var admitted = r.NextDouble() < (after ? 0.06 : 0.1) ? 1 : 0;
            months.Add(new(patientId, month, ServiceUseKind.HospitalAdmissions, admitted, "Syntetisk uttrekk", end));
            months.Add(new(patientId, month, ServiceUseKind.BedDays, admitted * r.Next(2, 9), "Syntetisk uttrekk", end));
            months.Add(new(patientId, month, ServiceUseKind.GpVisits, r.Next(0, after ? 2 : 3), "Syntetisk uttrekk", end));
        }

        return months;
    }

    private static void Check(IReadOnlyList<Domain.ValidationError> errors)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException("A synthetic pathway broke a rule: " + errors[0].Message);
    }
}
