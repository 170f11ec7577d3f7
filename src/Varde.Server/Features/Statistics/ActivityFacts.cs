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
        // Read as rows with their steps as days (PathwayRow, not entities with their histories' JSON), and turned into facts
        // as they arrive, so the text is garbage before the next collection: holding 100,000 histories as objects or strings
        // until the query ended made the collector copy them, most of a national request's time (docs/benchmarks.md, B6).
        var evaluationHeld = PathwayStepDays.EvaluationHeld;
        var pathways = new Dictionary<Guid, List<(DateTimeOffset ReferredAt, PathwayFacts Facts)>>();
        var rows = db.PathwayRows
            .Where(w => inScope.Select(p => p.Id).Contains(w.PatientId) && w.ReferredAt < end && (w.EndedAt == null || w.EndedAt >= start))
            .Select(w => new { w.PatientId, w.ReferredAt, w.StepDays, w.TrialStartedAt, w.EndedAt, w.EndReason,
                Evaluations = w.StepDays.Contains(evaluationHeld) ? w.Evaluations : null }) // read only where one was held
            .AsAsyncEnumerable();
        await foreach (var w in rows.WithCancellation(ct))
        {
            var facts = new PathwayFacts(
                NorwegianTime.Today(w.ReferredAt),
                PathwayStepDays.Read(w.StepDays),
                w.TrialStartedAt is { } trial ? NorwegianTime.Today(trial) : null,
                w.EndedAt is { } ended ? NorwegianTime.Today(ended) : null,
                w.EndReason,
                w.Evaluations is null ? [] : [.. PathwayRow.HeldEvaluations(w.Evaluations).Select(e => new EvaluationFact(NorwegianTime.Today(e.HeldAt!.Value), e.Assessment))]);
            if (pathways.TryGetValue(w.PatientId, out var own))
                own.Add((w.ReferredAt, facts));
            else
                pathways[w.PatientId] = [(w.ReferredAt, facts)];
        }

        // A patient whose pathways all lie outside the period is left out (not counted as enrolled without one); a
        // patient's pathways in the order they were referred.
        return [.. patients.Where(p => !p.HasPathway || pathways.ContainsKey(p.Id))
            .Select(p => new PatientFacts(p.Id, p.LegalSex, p.BirthDate, p.MunicipalityId, p.Diagnoses, NorwegianTime.Today(p.EnrolledAt),
                pathways.TryGetValue(p.Id, out var own) ? InReferralOrder(own) : []))];
    }

    // Most patients have one pathway: no sorting (and its allocations) for them.
    private static PathwayFacts[] InReferralOrder(List<(DateTimeOffset ReferredAt, PathwayFacts Facts)> own) =>
        own.Count == 1 ? [own[0].Facts] : [.. own.OrderBy(w => w.ReferredAt).Select(w => w.Facts)];
}
