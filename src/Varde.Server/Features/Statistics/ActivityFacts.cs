using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Services;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Reads the facts the activity figures need for a scope and period: each patient's sex, birth date, municipality,
/// diagnoses and enrolment, and the pathways that touch the period (referred by its end and not ended before its
/// start) as Norwegian dates, with the evaluations held. No name or identity number is read.
/// </summary>
public static class ActivityFacts
{
    public static async Task<IReadOnlyList<PatientFacts>> LoadAsync(VardeDbContext db, StatisticsScope scope, StatisticsPeriod period, CancellationToken ct)
    {
        var start = NorwegianTime.ToInstant(period.From, TimeOnly.MinValue);
        var end = NorwegianTime.ToInstant(period.To.AddDays(1), TimeOnly.MinValue);
        var inScope = db.Patients.AsNoTracking().Where(scope.Patients);
        var patients = await inScope.Where(p => p.EnrolledAt < end)
            .Select(p => new { p.Id, p.LegalSex, p.BirthDate, p.MunicipalityId, p.Diagnoses, p.EnrolledAt, HasPathway = db.Pathways.Any(w => w.PatientId == p.Id) })
            .ToListAsync(ct);
        var pathways = (await db.Pathways.AsNoTracking()
                .Where(w => inScope.Select(p => p.Id).Contains(w.PatientId) && w.ReferredAt < end && (w.EndedAt == null || w.EndedAt >= start))
                .Select(w => new { w.PatientId, w.ReferredAt, w.History, w.TrialStartedAt, w.EndedAt, w.EndReason, w.Evaluations })
                .ToListAsync(ct))
            .OrderBy(w => w.ReferredAt)
            .ToLookup(w => w.PatientId, w => new PathwayFacts(
                NorwegianTime.Today(w.ReferredAt),
                [.. w.History.Select(e => new PathwayStepFact(e.Step, e.State, NorwegianTime.Today(e.At)))],
                w.TrialStartedAt is { } trial ? NorwegianTime.Today(trial) : null,
                w.EndedAt is { } ended ? NorwegianTime.Today(ended) : null,
                w.EndReason,
                [.. w.Evaluations.Where(e => e.HeldAt is not null).Select(e => new EvaluationFact(NorwegianTime.Today(e.HeldAt!.Value), e.Assessment))]));

        // A patient whose pathways all lie outside the period is left out (not counted as enrolled without one).
        return [.. patients.Where(p => !p.HasPathway || pathways.Contains(p.Id))
            .Select(p => new PatientFacts(p.Id, p.LegalSex, p.BirthDate, p.MunicipalityId, p.Diagnoses, NorwegianTime.Today(p.EnrolledAt), [.. pathways[p.Id]]))];
    }
}
