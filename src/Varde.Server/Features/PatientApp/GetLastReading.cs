using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.PatientApp;

/// <summary>The patient's last reading of one type (for the entry screen's "Sist:" and its "is this right?" check).</summary>
public sealed class GetLastReading(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record Response(DateTimeOffset EffectiveAt, IReadOnlyList<decimal> Values);

    public async Task<Response?> HandleAsync(ClaimsPrincipal user, MeasurementType type, CancellationToken ct)
    {
        var patientId = PatientAuth.PatientId(user);
        if (await gate.OpenAsync(user, patientId, "patient-app.last-reading", ct) is null)
            return null;
        var last = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patientId && m.Type == type)
            .OrderByDescending(m => m.EffectiveAt)
            .FirstOrDefaultAsync(ct);
        return last is null ? null : new Response(last.EffectiveAt, last.CanonicalValues);
    }
}
