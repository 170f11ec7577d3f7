using System.Data.Common;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Services;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Reads the facts the activity figures need for a scope and period: each patient's sex, birth date, municipality,
/// diagnoses and enrolment, and the pathways that touch the period (referred by its end and not ended before its
/// start) as Norwegian dates, with the evaluations held (from the steps, for the pathways that held one in the period:
/// the figures count those). No name or identity number is read.
/// </summary>
public static class ActivityFacts
{
    public static async Task<IReadOnlyList<PatientFacts>> LoadAsync(VardeDbContext db, StatisticsScope scope, StatisticsPeriod period, CancellationToken ct,
        PathwayDetail detail = PathwayDetail.Steps)
    {
        var start = NorwegianTime.ToInstant(period.From, TimeOnly.MinValue);
        var end = NorwegianTime.ToInstant(period.To.AddDays(1), TimeOnly.MinValue);
        var inScope = db.Patients.AsNoTracking().Where(scope.Patients);
        var patients = await PlainRows.ListAsync(db, inScope.Where(p => p.EnrolledAt < end)
            .Select(p => new { p.Id, p.LegalSex, p.BirthDate, p.MunicipalityId, p.Diagnoses, p.EnrolledAt, HasPathway = db.Pathways.Any(w => w.PatientId == p.Id) }),
            r => new PatientRow(r.GetGuid(0), r.Named<LegalSex>(1), r.GetFieldValue<DateOnly>(2), r.GetGuid(3), (DiagnosisGroup)r.GetInt32(4), r.Instant(5), r.GetBoolean(6)), ct);
        // Read as rows with their steps as days (or without, PathwayDetail.Dates; not entities with their histories' JSON), by hand (PlainRows), each turned
        // into facts as it arrives; on PostgreSQL from the patient index's included columns alone (an index-only scan of a
        // tenth of the table's pages). The evaluations held come from the steps too (each with its assessment, ADR 0061),
        // for the pathways that held one in the period.
        var touching = scope.RowsOf(db, db.PathwayRows, w => w.PatientId)
            .Where(w => w.ReferredAt < end && (w.EndedAt == null || w.EndedAt >= start));
        var stepDays = new ColumnText();
        // Straight into a dictionary by patient sized for them all, with no list for a patient's only pathway (most have
        // one): no list of rows in between, and no resizing.
        var pathways = detail == PathwayDetail.Steps
            ? await PlainRows.IntoAsync(db, touching.Select(w => new { w.Id, w.PatientId, w.ReferredAt, w.TrialStartedAt, w.EndedAt, w.EndReason, w.StepDays }),
                () => new Dictionary<Guid, OwnPathways>(patients.Count),
                (r, into) => Add(into, r.GetGuid(1), r.Instant(2), WithEvaluations(Pathway(r, PathwayStepDays.Read(stepDays.Read(r, 6))), period)), ct)
            : await PlainRows.IntoAsync(db, touching.Select(w => new { w.Id, w.PatientId, w.ReferredAt, w.TrialStartedAt, w.EndedAt, w.EndReason }),
                () => new Dictionary<Guid, OwnPathways>(patients.Count),
                (r, into) => Add(into, r.GetGuid(1), r.Instant(2), Pathway(r, [])), ct);

        // A patient whose pathways all lie outside the period is left out (not counted as enrolled without one); a
        // patient's pathways in the order they were referred.
        return [.. patients.Where(p => !p.HasPathway || pathways.ContainsKey(p.Id))
            .Select(p => new PatientFacts(p.Id, p.LegalSex, p.BirthDate, p.MunicipalityId, p.Diagnoses, NorwegianTime.Today(p.EnrolledAt),
                pathways.TryGetValue(p.Id, out var own) ? own.InReferralOrder() : []))];
    }

    // The pathway with the evaluations its steps show were held, when one was held in the period (the figures count those).
    private static PathwayFacts WithEvaluations(PathwayFacts pathway, StatisticsPeriod period)
    {
        if (!HeldAnEvaluationIn(pathway.Steps, period))
            return pathway;
        var held = new List<EvaluationFact>();
        foreach (var step in pathway.Steps)
        {
            if (step.Step == PathwayStep.Evaluate)
                held.Add(new EvaluationFact(step.On, step.Assessment));
        }

        return pathway with { Evaluations = held };
    }

    // Whether the steps show an evaluation held on a day of the period: only those pathways' evaluations are read (the
    // figures count the evaluations held in the period; an evaluation's step is on the day it was held).
    private static bool HeldAnEvaluationIn(IReadOnlyList<PathwayStepFact> steps, StatisticsPeriod period)
    {
        foreach (var step in steps)
        {
            if (step.Step == PathwayStep.Evaluate && period.Contains(step.On))
                return true;
        }

        return false;
    }

    // A pathway's dates from a row that selects id, patient, referred, trial started, ended and end reason first.
    private static PathwayFacts Pathway(DbDataReader r, IReadOnlyList<PathwayStepFact> steps) =>
        new(NorwegianTime.Today(r.Instant(2)), steps,
            r.InstantOrNull(3) is { } trial ? NorwegianTime.Today(trial) : null,
            r.InstantOrNull(4) is { } ended ? NorwegianTime.Today(ended) : null,
            r.NamedOrNull<EndReason>(5),
            []);

    private readonly record struct PatientRow(Guid Id, LegalSex LegalSex, DateOnly BirthDate, Guid MunicipalityId, DiagnosisGroup Diagnoses, DateTimeOffset EnrolledAt, bool HasPathway);

    private static void Add(Dictionary<Guid, OwnPathways> into, Guid patientId, DateTimeOffset referredAt, PathwayFacts facts)
    {
        ref var own = ref CollectionsMarshal.GetValueRefOrAddDefault(into, patientId, out var exists);
        if (!exists)
            own = new OwnPathways(referredAt, facts);
        else
            (own.More ??= []).Add((referredAt, facts));
    }

    // A patient's pathways as read: the first alone, any more in a list (most patients have one pathway).
    private struct OwnPathways(DateTimeOffset referredAt, PathwayFacts first)
    {
        public List<(DateTimeOffset ReferredAt, PathwayFacts Facts)>? More;

        // In the order they were referred; no sorting (and its allocations) for a patient's only pathway.
        public readonly PathwayFacts[] InReferralOrder() =>
            More is null ? [first] : [.. More.Prepend((ReferredAt: referredAt, Facts: first)).OrderBy(w => w.ReferredAt).Select(w => w.Facts)];
    }
}

/// <summary>How much of each pathway <see cref="ActivityFacts"/> reads.</summary>
public enum PathwayDetail
{
    /// <summary>
    /// Its steps (states and decisions by day, evaluations with their assessments) and, for a pathway that held an
    /// evaluation in the period, the evaluations held: for figures by state, decision or evaluation.
    /// </summary>
    Steps,

    /// <summary>
    /// Its dates only (referred, trial started, ended, and why): no steps and no evaluations, so no state, decision or
    /// evaluation can be read from it. For figures made from the periods followed (<see cref="PatientFacts.Episodes"/>'
    /// start and end): work, benefits and costs. Spares reading and parsing every pathway's steps.
    /// </summary>
    Dates,
}
