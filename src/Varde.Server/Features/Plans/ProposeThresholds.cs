using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Server.Auth;
using Varde.Server.Features.Pathways;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Plans;

/// <summary>
/// GET /api/patients/{id}/plan/proposals: thresholds proposed from the patient's own readings (<see cref="BaselineProposal"/>),
/// with the data behind each. The period is the trial period when the patient has had one (up to today), else the last
/// <see cref="DefaultDays"/> days. Every measured quantity gets an entry: a proposal, or the reason there is none.
/// </summary>
public sealed class ProposeThresholds(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int DefaultDays = 28;

    public sealed record Response(DateTimeOffset From, DateTimeOffset To, bool FromTrialPeriod, IReadOnlyList<ThresholdProposal> Proposals);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/plan/proposals", (Guid patientId, ClaimsPrincipal user, ProposeThresholds slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(ProposeThresholds))
            .RequireAuthorization(Policies.EditPlans);

    public async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "plan.proposals", ct) is null)
            return PatientProblems.NotFound(patientId);

        var now = clock.GetUtcNow();
        var pathway = await CurrentPathway.ForPatientAsync(db, patientId, tracked: false, ct);
        var trial = pathway?.TrialStartedAt is not null;
        var from = pathway?.TrialStartedAt ?? now.AddDays(-DefaultDays);
        var to = now;
        if (trial && pathway!.ActivatedAt is { } activated)
            to = activated;

        var measurements = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patientId && m.EffectiveAt >= from && m.EffectiveAt <= to).ToListAsync(ct);
        return TypedResults.Ok(new Response(from, to, trial, From(measurements)));
    }

    /// <summary>A proposal (or the reason for none) for every quantity in the measurements.</summary>
    public static IReadOnlyList<ThresholdProposal> From(IEnumerable<Measurement> measurements) =>
        measurements.SelectMany(m => MeasurementCatalogue.Get(m.Type).Components
                .Zip(m.CanonicalValues, (component, value) => (component.Quantity, m.EffectiveAt, value)))
            .GroupBy(r => r.Quantity)
            .OrderBy(g => g.Key)
            .Select(g => BaselineProposal.For(g.Key, [.. g.Select(r => (r.EffectiveAt, r.value))]))
            .ToList();
}
