using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Messages;
using Varde.Domain.Notifications;
using Varde.Domain.Plans;
using Varde.Domain.Video;

namespace Varde.Server.Features.Notifications;

/// <summary>Stages the notifications a change causes, in the change's own transaction (the sender takes them from there).</summary>
public static class Notify
{
    /// <summary>
    /// How long a new message from the service waits before the patient is told: long enough that a patient reading in
    /// the app at that moment is not pushed for what she has just read.
    /// </summary>
    public static readonly TimeSpan MessageDelay = TimeSpan.FromMinutes(2);

    public static void PatientOfMessage(VardeDbContext db, PatientMessage message, DateTimeOffset now)
    {
        if (message.Direction != MessageDirection.FromService)
            return;
        db.Notifications.Add(Notification.ToPatient(Guid.CreateVersion7(now), NotificationPurpose.NewMessage, message.PatientId,
            $"message:{message.Id:N}", message.Id, now + MessageDelay, now));
    }

    /// <summary>
    /// A red has waited past the service's limit: the staff member the service's settings name is told by SMS, or when
    /// none is named, the service's coordinators — each of them who has a work phone (without one, the flag on the
    /// worklist is all there is); those on duty when any of them is.
    /// </summary>
    public static async Task LeadOfRedAsync(VardeDbContext db, Alert alert, Guid? escalateTo, DateTimeOffset now, CancellationToken ct)
    {
        var leads = await db.StaffMembers.AsNoTracking()
            .Where(s => s.DeactivatedAt == null && s.WorkPhone != null
                && (escalateTo != null ? s.Id == escalateTo : s.OrganisationId == alert.ServiceId && s.Role == Role.Coordinator))
            .Select(s => s.Id).ToListAsync(ct);
        // Nobody named: the coordinators on duty (ADR 0058), or every coordinator when none is, so a red is never left unescalated.
        if (escalateTo is null && leads.Count > 1)
        {
            var onDuty = (await Duty.GetOnDuty.OnDutyNowAsync(db, alert.ServiceId, now, ct)).Select(s => s.StaffMemberId).ToHashSet();
            if (leads.Any(onDuty.Contains))
                leads = [.. leads.Where(onDuty.Contains)];
        }

        db.Notifications.AddRange(leads.Select(lead => Notification.ToStaff(Guid.CreateVersion7(now), NotificationPurpose.RedWaiting, lead,
            alert.PatientId, $"red:{alert.Id:N}:{lead:N}", alert.Id, now)));
    }

    /// <summary>A plan version made by someone other than the GP waits for the patient's GP: she is told by SMS if she has a work phone.</summary>
    public static async Task GpOfPlanAsync(VardeDbContext db, PlanVersion version, Guid? gpStaffId, DateTimeOffset now, CancellationToken ct)
    {
        if (version.IsApproved || gpStaffId is not { } gp
            || !await db.StaffMembers.AnyAsync(s => s.Id == gp && s.DeactivatedAt == null && s.WorkPhone != null, ct))
            return;
        db.Notifications.Add(Notification.ToStaff(Guid.CreateVersion7(now), NotificationPurpose.PlanAwaitsApproval, gp, version.PatientId,
            $"plan:{version.Id:N}", version.Id, now));
    }

    /// <summary>The service has handed messages on to the patient's GP: she is told by SMS if she has a work phone (once per handing on).</summary>
    public static async Task GpOfHandedMessageAsync(VardeDbContext db, Guid patientId, Guid gpStaffId, Guid firstMessageId, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!await db.StaffMembers.AnyAsync(s => s.Id == gpStaffId && s.DeactivatedAt == null && s.WorkPhone != null, ct))
            return;
        db.Notifications.Add(Notification.ToStaff(Guid.CreateVersion7(now), NotificationPurpose.MessageHandedOn, gpStaffId, patientId,
            $"handed:{firstMessageId:N}", firstMessageId, now));
    }

    /// <summary>How long a patient's survey invitation waits unanswered before she is reminded (once).</summary>
    public static readonly TimeSpan SurveyReminderAfter = TimeSpan.FromDays(7);

    /// <summary>
    /// A patient asked in the user survey is reminded once, <see cref="SurveyReminderAfter"/> later, unless she has answered
    /// by then. A relative has no channel of their own (they see the invitation when they open the app).
    /// </summary>
    public static void PatientOfSurvey(VardeDbContext db, Domain.Surveys.SurveyInvitation invitation, DateTimeOffset now)
    {
        if (invitation.Respondent != Domain.Surveys.Respondent.Patient)
            return;
        db.Notifications.Add(Notification.ToPatient(Guid.CreateVersion7(now), NotificationPurpose.SurveyReminder, invitation.PatientId,
            $"survey:{invitation.Id:N}", invitation.Id, invitation.InvitedAt + SurveyReminderAfter, now));
    }

    /// <summary>A booked video call: the patient is reminded when it can be joined (<see cref="VideoCall.EarlyJoin"/> before its time).</summary>
    public static void PatientOfBookedCall(VardeDbContext db, VideoCall call, DateTimeOffset now)
    {
        if (call.BookedFor is null)
            return;
        db.Notifications.Add(Notification.ToPatient(Guid.CreateVersion7(now), NotificationPurpose.VideoCallSoon, call.PatientId,
            $"video:{call.Id:N}", call.Id, call.JoinsFrom > now ? call.JoinsFrom : now, now));
    }
}
