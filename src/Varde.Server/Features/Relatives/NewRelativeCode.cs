using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// A new one-time sign-in code for a relative who holds a consent (POST …/relatives/{id}/code): the old code stops
/// working. Refused for a relative whose consent is withdrawn.
/// </summary>
public sealed class NewRelativeCode(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public async Task<RelativeOutcome> HandleAsync(Guid patientId, Guid relativeId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "relatives.code", ct) is null)
            return new RelativeOutcome.NotFound(patientId);
        var relative = await db.Relatives.SingleOrDefaultAsync(r => r.Id == relativeId && r.PatientId == patientId, ct);
        if (relative is null)
            return new RelativeOutcome.NotFound(patientId);
        if (await RelativeConsents.CurrentAsync(db, relativeId, ct) == Domain.Relatives.RelativePermissions.None)
            return new RelativeOutcome.Refused([new ValidationError("consent", "The relative has no consent now: give it again before making a code.")]);
        var now = clock.GetUtcNow();
        var code = relative.NewCode(now);
        await db.SaveChangesAsync(ct);
        return new RelativeOutcome.Stored(await ListRelatives.LoadOneAsync(db, relative, now, ct), code);
    }
}
