using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Plans;

namespace Varde.Server.Features.Plans;

/// <summary>The plan version in force for a patient: the newest one. (GP approval will narrow this to the newest approved.)</summary>
public static class CurrentPlanVersion
{
    public static Task<PlanVersion?> ForPatientAsync(VardeDbContext db, Guid patientId, CancellationToken ct) =>
        db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
}
