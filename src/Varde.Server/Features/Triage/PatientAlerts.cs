using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;

namespace Varde.Server.Features.Triage;

/// <summary>Loads a patient's active alerts into an <see cref="AlertBook"/>, and stores what the book changed with its outbox events.</summary>
public static class PatientAlerts
{
    public static async Task<AlertBook> OpenBookAsync(VardeDbContext db, Guid patientId, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        var active = await db.Alerts.Where(a => a.PatientId == patientId && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
            .ToListAsync(ct);
        return new AlertBook(patientId, serviceId, active, () => Guid.CreateVersion7(now));
    }

    /// <summary>Adds new alerts to the unit of work and one outbox event per change; the caller saves.</summary>
    public static void Stage(VardeDbContext db, AlertBook book, DateTimeOffset now)
    {
        foreach (var (alert, change) in book.Changes)
        {
            if (db.Entry(alert).State == EntityState.Detached)
                db.Alerts.Add(alert);
            Outbox.AlertChanged(db, alert, change, now);
        }
    }
}
