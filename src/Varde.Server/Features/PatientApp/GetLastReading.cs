using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// The patient's last reading of one type (the entry screen's "Sist:") and what is usual for them (its "is this right?"
/// check asks only outside it): per value, from their trusted readings of the last <see cref="UsualFrom"/> days.
/// </summary>
public sealed class GetLastReading(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int UsualFrom = 90;

    /// <summary>The newest readings the usual range is taken from (a glucose sensor's 90 days are tens of thousands).</summary>
    public const int UsualReadings = 200;

    public sealed record Response(DateTimeOffset EffectiveAt, IReadOnlyList<decimal> Values, IReadOnlyList<UsualRange?> Usual);

    public async Task<Response?> HandleAsync(ClaimsPrincipal user, MeasurementType type, CancellationToken ct)
    {
        var patientId = PatientAuth.PatientId(user);
        if (await gate.OpenAsync(user, patientId, "patient-app.last-reading", ct) is null)
            return null;
        var last = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patientId && m.Type == type)
            .OrderByDescending(m => m.EffectiveAt)
            .FirstOrDefaultAsync(ct);
        if (last is null)
            return null;
        var from = clock.GetUtcNow().AddDays(-UsualFrom);
        var recent = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patientId && m.Type == type && m.EffectiveAt >= from && m.TriageOutcome != TriageOutcome.SuspectedMeasurementError)
            .OrderByDescending(m => m.EffectiveAt)
            .Take(UsualReadings)
            .Select(m => new { m.Value, m.SecondValue })
            .ToListAsync(ct);
        var usual = last.CanonicalValues.Select((_, i) => UsualRange.Of(recent.Select(r => i == 0 ? r.Value : r.SecondValue).OfType<decimal>().ToList())).ToList();
        return new Response(last.EffectiveAt, last.CanonicalValues, usual);
    }
}
