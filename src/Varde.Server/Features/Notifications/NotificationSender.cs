using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Notifications;
using Varde.Domain.Patients;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// Sends the notifications whose time has come, one at a time: first it takes the notification (moving its next try a
/// few minutes on, so a second server does not send it too), then looks whether it is still needed (the report came,
/// the message was read, she was reminded minutes ago), holds a patient's notification through quiet hours, and sends it through the first channel
/// that reaches the person: Web Push to each of the patient's subscribed browsers, else SMS to the number to call
/// first; SMS to a staff member's work phone. Quiet hours hold all but a waiting red. Every try is stored with its outcome; a failed one is retried with backoff (<see cref="Notification.RetryDelays"/>).
/// </summary>
public sealed class NotificationSender(VardeDbContext db, WebPushChannel push, ISmsGateway sms, IConfiguration configuration, TimeProvider clock)
{
    public const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);

    /// <summary>At most one reminder in this time: several things due together are one reminder.</summary>
    public static readonly TimeSpan OneReminderPer = TimeSpan.FromMinutes(30);

    /// <summary>A reminder of a booked video call held back (quiet hours, retries) is not sent this long after the call's time.</summary>
    public static readonly TimeSpan CallReminderLateBy = TimeSpan.FromMinutes(30);

    public sealed record Run(int Delivered, int Failed, int NotNeeded, int Deferred);

    public async Task<Run> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Waiting && n.NextAttemptAt <= now)
            .OrderBy(n => n.NextAttemptAt).Select(n => new { n.Id, n.NextAttemptAt }).Take(Batch).ToListAsync(ct);
        int delivered = 0, failed = 0, notNeeded = 0, deferred = 0;
        foreach (var next in due)
        {
            // Take it: only the server whose update finds the time unchanged sends it.
            var taken = await db.Notifications.Where(n => n.Id == next.Id && n.NextAttemptAt == next.NextAttemptAt && n.State == NotificationState.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, now + Lease), ct);
            if (taken == 0)
                continue;
            var notification = await db.Notifications.SingleAsync(n => n.Id == next.Id, ct);
            switch (await SendAsync(notification, now, ct))
            {
                case NotificationState.Delivered: delivered++; break;
                case NotificationState.NotNeeded: notNeeded++; break;
                case NotificationState.Waiting when notification.Attempts == 0: deferred++; break;
                default: failed++; break;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return new(delivered, failed, notNeeded, deferred);
    }

    private async Task<NotificationState> SendAsync(Notification notification, DateTimeOffset now, CancellationToken ct)
    {
        if (await WhyNotNeededAsync(notification, now, ct) is { } why)
        {
            notification.NotNeeded(why, now);
            return notification.State;
        }

        if (notification.KeepsQuietHours && QuietHours.EndOf(now) is { } morning)
        {
            notification.Defer(morning);
            return notification.State;
        }

        var text = NotificationText.For(notification.Purpose);
        var (channel, error) = notification.RecipientKind == RecipientKind.Patient
            ? await DeliverToPatientAsync(notification.RecipientId, text, now, ct)
            : await DeliverToStaffAsync(notification.RecipientId, text, ct);
        db.NotificationAttempts.Add(notification.Tried(Guid.CreateVersion7(now), channel, error, now));
        return notification.State;
    }

    private async Task<string?> WhyNotNeededAsync(Notification n, DateTimeOffset now, CancellationToken ct)
    {
        switch (n.Purpose)
        {
            case NotificationPurpose.ReportDue:
                if (now >= n.SlotDeadline)
                    return "deadline passed";
                if (await db.TriageRecords.AnyAsync(r => r.PatientId == n.PatientId && r.Subject == n.ItemKey && r.EffectiveAt >= n.SlotOpens, ct))
                    return "report arrived";
                // Three things due at 10:00 make one reminder: the text says "measure or answer", not what.
                var since = now - OneReminderPer;
                return await db.Notifications.AnyAsync(o => o.PatientId == n.PatientId && o.Purpose == NotificationPurpose.ReportDue
                    && o.State == NotificationState.Delivered && o.SettledAt > since, ct) ? "reminded already" : null;
            case NotificationPurpose.NewMessage:
                return await db.MessageReceipts.AnyAsync(r => r.MessageId == n.CauseId, ct) ? "message read" : null;
            case NotificationPurpose.RedWaiting:
                return await db.Alerts.AnyAsync(a => a.Id == n.CauseId && a.State == AlertState.Open, ct) ? null : "alert acknowledged";
            case NotificationPurpose.PlanAwaitsApproval:
                var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == n.CauseId, ct);
                if (version is null || version.IsApproved)
                    return "plan approved";
                return await db.PlanVersions.AnyAsync(v => v.PatientId == version.PatientId && v.Number > version.Number, ct) ? "plan replaced" : null;
            case NotificationPurpose.VideoCallSoon:
                var call = await db.VideoCalls.AsNoTracking().Where(c => c.Id == n.CauseId).Select(c => new { c.EndedAt, c.BookedFor }).SingleOrDefaultAsync(ct);
                if (call is null || call.EndedAt is not null)
                    return "call ended";
                return now > call.BookedFor + CallReminderLateBy ? "call time passed" : null;
            case NotificationPurpose.SurveyReminder:
                var invitation = await db.SurveyInvitations.AsNoTracking().Where(i => i.Id == n.CauseId)
                    .Select(i => new { i.Answered, i.RoundStart, i.RoundMonths }).SingleOrDefaultAsync(ct);
                if (invitation is null || invitation.Answered)
                    return "survey answered";
                return Domain.Services.NorwegianTime.Today(now) > new Domain.Surveys.SurveyRound(invitation.RoundStart, invitation.RoundMonths).End ? "round over" : null;
            default:
                return null;
        }
    }

    // Web Push to every browser the patient has subscribed (one delivered is enough); SMS when none took it.
    private async Task<(NotificationChannel? Channel, string? Error)> DeliverToPatientAsync(Guid patientId, NotificationText text, DateTimeOffset now,
        CancellationToken ct)
    {
        var errors = new List<string>();
        var browsers = await db.PushSubscriptions.Where(s => s.PatientId == patientId && s.RevokedAt == null).ToListAsync(ct);
        var pushed = false;
        foreach (var browser in browsers)
        {
            var (result, error) = await push.SendAsync(browser, text, ct);
            pushed |= result == WebPushChannel.Result.Delivered;
            if (result == WebPushChannel.Result.Gone)
                browser.Revoke(now);
            if (error is not null)
                errors.Add(error);
        }

        if (pushed)
            return (NotificationChannel.WebPush, null);

        var phone = await db.Patients.Where(p => p.Id == patientId).Select(p => p.Phone).SingleOrDefaultAsync(ct);
        if (sms.IsConfigured && phone is not null)
        {
            var smsError = await sms.SendAsync(PhoneNumber.ForSms(phone), text.SmsText(PublicAddress), ct);
            if (smsError is null)
                return (NotificationChannel.Sms, null);
            errors.Add(smsError);
            return (NotificationChannel.Sms, string.Join("; ", errors));
        }

        errors.Add(browsers.Count == 0 && phone is null ? "no channel: no subscribed browser and no phone number" : "no further channel");
        return (browsers.Count > 0 ? NotificationChannel.WebPush : null, string.Join("; ", errors));
    }

    // SMS to the staff member's work phone: staff get no Web Push (their screens are open at work; the SMS reaches the phone in the pocket).
    private async Task<(NotificationChannel? Channel, string? Error)> DeliverToStaffAsync(Guid staffId, NotificationText text, CancellationToken ct)
    {
        var phone = await db.StaffMembers.Where(s => s.Id == staffId && s.DeactivatedAt == null).Select(s => s.WorkPhone).SingleOrDefaultAsync(ct);
        if (phone is null)
            return (null, "no channel: no work phone");
        if (!sms.IsConfigured)
            return (null, "no channel: sms not configured");
        return (NotificationChannel.Sms, await sms.SendAsync(PhoneNumber.ForSms(phone), text.SmsText(PublicAddress), ct));
    }

    private Uri PublicAddress => new(configuration["Notifications:PublicAddress"] ?? "http://127.0.0.1:5080/");
}
