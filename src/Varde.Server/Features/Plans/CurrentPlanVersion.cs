using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Plans;

namespace Varde.Server.Features.Plans;

/// <summary>A patient's plan versions as the slices need them: the one in force, and the newest (which may be a draft).</summary>
public static class CurrentPlanVersion
{
    /// <summary>The version in force: the newest one the GP has approved (see <see cref="PlanInForce"/>).</summary>
    public static Task<PlanVersion?> InForceAsync(VardeDbContext db, Guid patientId, CancellationToken ct) =>
        db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId && v.Approval != null).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);

    /// <summary>The newest version, approved or a draft: what a change builds on and what a GP approves.</summary>
    public static Task<PlanVersion?> NewestAsync(VardeDbContext db, Guid patientId, CancellationToken ct) =>
        db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
}
