using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Pathways;

namespace Varde.Server.Features.Pathways;

/// <summary>A patient's current pathway: the newest one (a patient referred again after an end has a new pathway).</summary>
public static class CurrentPathway
{
    public static Task<Pathway?> ForPatientAsync(VardeDbContext db, Guid patientId, bool tracked, CancellationToken ct)
    {
        var pathways = tracked ? db.Pathways : db.Pathways.AsNoTracking();
        return pathways.Where(p => p.PatientId == patientId).OrderByDescending(p => p.ReferredAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);
    }

    public static bool IsOpen(PathwayState state) => state is not (PathwayState.Declined or PathwayState.Ended);
}
