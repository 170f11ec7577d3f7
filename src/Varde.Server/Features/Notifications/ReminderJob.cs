using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Notifications;
using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// Makes the reminders that are due now (<see cref="DueReminders"/>): for every patient Varde can reach (a browser
/// subscribed to Web Push, or a phone number when an SMS provider is configured), each occasion of the plan in force
/// today that is due and not yet done gets its reminder round, once (the notification's key is unique). Sending, quiet
/// hours and the check that the report has not come meanwhile are the <see cref="NotificationSender"/>'s.
/// </summary>
public sealed class ReminderJob(VardeDbContext db, ISmsGateway sms, TimeProvider clock)
{
    private const int Chunk = 500;

    /// <summary>Returns how many reminders were made.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var smsConfigured = sms.IsConfigured;
        var subscribed = db.PushSubscriptions.Where(s => s.RevokedAt == null).Select(s => s.PatientId);
        var patients = await db.Patients.AsNoTracking().Where(p => subscribed.Contains(p.Id) || (smsConfigured && p.Phone != null))
            .Select(p => new { p.Id, p.FollowUpServiceId }).ToListAsync(ct);
        var settings = await db.ServiceSettings.AsNoTracking().ToDictionaryAsync(s => s.ServiceId, ct);
        var startOfToday = NorwegianTime.ToInstant(NorwegianTime.Today(now), TimeOnly.MinValue);
        var made = 0;
        foreach (var chunk in patients.Chunk(Chunk))
        {
            var ids = chunk.Select(p => p.Id).ToList();
            var plans = (await db.PlanVersions.AsNoTracking().Where(v => ids.Contains(v.PatientId)).ToListAsync(ct))
                .GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => g.ToList());
            var reports = (await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.PatientId) && r.EffectiveAt >= startOfToday)
                .Select(r => new { r.PatientId, r.Subject, r.EffectiveAt }).ToListAsync(ct)).ToLookup(r => r.PatientId, r => (r.Subject, r.EffectiveAt));
            var reminders = new List<Notification>();
            foreach (var patient in chunk)
            {
                if (plans.GetValueOrDefault(patient.Id) is not { } versions || PlanInForce.At(versions, now) is not { } plan)
                    continue;
                var grace = (settings.GetValueOrDefault(patient.FollowUpServiceId) ?? ServiceSettings.Default(patient.FollowUpServiceId)).DefaultGrace;
                reminders.AddRange(DueReminders.At(plan.Rules.Schedule, now, grace, reports[patient.Id])
                    .Select(due => Notification.Reminder(Guid.CreateVersion7(now), patient.Id, due, now)));
            }

            made += await AddNewAsync(reminders, ct);
        }

        return made;
    }

    private async Task<int> AddNewAsync(List<Notification> reminders, CancellationToken ct)
    {
        if (reminders.Count == 0)
            return 0;
        var keys = reminders.Select(r => r.Key).ToList();
        var known = (await db.Notifications.Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = reminders.Where(r => !known.Contains(r.Key)).ToList();
        if (fresh.Count == 0)
            return 0;
        db.Notifications.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another server made them at the same moment.
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
