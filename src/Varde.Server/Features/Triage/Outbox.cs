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

    /// <summary>
    /// A patient's reports were taken in and judged (one or a bundle's worth): the service's screens show them (a green
    /// one waits to be reviewed). One event per patient and request, not per report: a bundle of 100 readings for a
    /// patient is one row to write and one change to publish. An alert the reports opened or joined has its own event.
    /// </summary>
    public static void ReportsReceived(VardeDbContext db, Guid serviceId, Guid patientId, IReadOnlyList<TriageRecord> records, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = "report.received",
            ServiceId = serviceId,
            PatientId = patientId,
            AlertId = records.Select(r => r.AlertId).OfType<Guid>().Distinct().Count() == 1 ? records.Select(r => r.AlertId).OfType<Guid>().First() : null,
            // Small whatever the count (the screens read the reports themselves): how many, by outcome.
            Payload = JsonSerializer.Serialize(new
            {
                reports = records.Count,
                outcomes = records.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            }),
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

    /// <summary>A message was written, read or handled: the service's worklist and the patient's screens show it. No text in the payload.</summary>
    public static void MessagesChanged(VardeDbContext db, Guid serviceId, Guid patientId, string type, int count, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = type,
            ServiceId = serviceId,
            PatientId = patientId,
            Payload = JsonSerializer.Serialize(new { messages = count }),
        });

    /// <summary>A patient moved to another service (a transfer): the open screens of both load the patient's items again. Nothing of the patient in the payload.</summary>
    public static void PatientMoved(VardeDbContext db, Guid serviceId, Guid patientId, DateTimeOffset now) =>
        db.OutboxEvents.Add(new OutboxEvent
        {
            Id = Guid.CreateVersion7(now),
            OccurredAt = now,
            Type = "patient.moved",
            ServiceId = serviceId,
            PatientId = patientId,
            Payload = "{}",
        });
}
