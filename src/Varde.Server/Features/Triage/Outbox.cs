using System.Text.Json;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>Adds outbox events to the unit of work, so they are saved in the same transaction as the change.</summary>
public static class Outbox
{
    public static void AlertChanged(VardeDbContext db, Alert alert, string type, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = type,
            ServiceId = alert.ServiceId,
            PatientId = alert.PatientId,
            AlertId = alert.Id,
            Payload = JsonSerializer.Serialize(new
            {
                alertId = alert.Id,
                patientId = alert.PatientId,
                category = alert.Category.ToString(),
                subject = alert.Subject,
                zone = alert.Zone.ToString(),
                state = alert.State.ToString(),
                reportCount = alert.ReportCount,
                version = alert.Version,
            }),
        });

    /// <summary>A report was taken in and judged: the service's screens show it (a green one waits to be reviewed).</summary>
    public static void ReportReceived(VardeDbContext db, Guid serviceId, TriageRecord record, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = "report.received",
            ServiceId = serviceId,
            PatientId = record.PatientId,
            AlertId = record.AlertId,
            Payload = JsonSerializer.Serialize(new { reportId = record.ReportId, subject = record.Subject, outcome = record.Outcome.ToString() }),
        });

    public static void ReportsReviewed(VardeDbContext db, Guid serviceId, IReadOnlyList<Guid> reportIds, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = "reports.reviewed",
            ServiceId = serviceId,
            Payload = JsonSerializer.Serialize(new { reportIds }),
        });
}
