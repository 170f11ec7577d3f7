using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// Escalates red alerts nobody has acknowledged within the service's configured time, counting only the time the
/// service is open: a red at 23:00 waits for the morning, and escalates if still untouched the configured time after
/// opening. An escalation is an outbox event; the alert shows on the worklist that it was escalated, and to whom when
/// the service's settings name someone (else to its coordinators), and those with a work phone get an SMS
/// (<see cref="Notify.LeadOfRedAsync"/>).
/// </summary>
public sealed class EscalationJob(VardeDbContext db, ServiceHours hours, TimeProvider clock)
{
    /// <summary>Returns how many alerts were escalated.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var waiting = await db.Alerts.IgnoreAutoIncludes()
            .Where(a => a.State == AlertState.Open && a.Zone == TriageOutcome.Red && a.EscalatedAt == null && a.RedSince != null)
            .ToListAsync(ct);
        var escalated = 0;
        foreach (var service in waiting.GroupBy(a => a.ServiceId))
        {
            var (settings, holidays) = await hours.ForAsync(service.Key, ct);
            foreach (var alert in service.Where(a => settings.OpeningHours.OpenTimeBetween(a.RedSince!.Value, now, holidays) >= settings.EscalateAfter))
            {
                alert.Escalate(now, settings.EscalateToStaffId?.ToString());
                Outbox.AlertChanged(db, alert, "alert.escalated", now);
                await Notify.LeadOfRedAsync(db, alert, settings.EscalateToStaffId, now, ct);
                escalated++;
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A nurse acknowledged one of them at this moment; the next run looks again.
            db.ChangeTracker.Clear();
            return 0;
        }

        return escalated;
    }
}
