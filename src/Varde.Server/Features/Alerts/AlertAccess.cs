using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Alerts;

/// <summary>Finds an alert for a change, through the patient access gate (so the access is checked and logged).</summary>
public sealed class AlertAccess(VardeDbContext db, PatientAccessGate gate)
{
    public async Task<Alert?> OpenForChangeAsync(ClaimsPrincipal user, Guid alertId, string action, CancellationToken ct)
    {
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
            return null;
        return await gate.OpenAsync(user, alert.PatientId, action, ct) is null ? null : alert;
    }
}
