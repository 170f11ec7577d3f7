using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Notifications;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// What Varde has told the patient outside the app, newest first: each notification (what, when, through which channel,
/// delivered, failed and retried, given up, or not needed) with every try. For the patient's care team; access-logged.
/// </summary>
public sealed class GetNotificationLog(VardeDbContext db, PatientAccessGate gate)
{
    public const int Limit = 200;

    public sealed record AttemptResponse(int Number, string? Channel, bool Delivered, string? Error, DateTimeOffset At);

    public sealed record Response(Guid Id, string Purpose, string Recipient, string Text, string State, DateTimeOffset CreatedAt,
        DateTimeOffset? NextAttemptAt, DateTimeOffset? SettledAt, string? DeliveredBy, string? LastError, IReadOnlyList<AttemptResponse> Attempts);

    /// <summary>Null when the caller may not see the patient.</summary>
    public async Task<List<Response>?> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "notification.log.read", ct) is null)
            return null;
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.PatientId == patientId)
            .OrderByDescending(n => n.CreatedAt).Take(Limit).ToListAsync(ct);
        var ids = notifications.Select(n => n.Id).ToList();
        var attempts = (await db.NotificationAttempts.AsNoTracking().Where(a => ids.Contains(a.NotificationId)).ToListAsync(ct))
            .ToLookup(a => a.NotificationId);
        return notifications.Select(n => new Response(n.Id, n.Purpose.ToString(), n.RecipientKind.ToString(), NotificationText.For(n.Purpose).Body,
                n.State.ToString(), n.CreatedAt, n.IsWaiting ? n.NextAttemptAt : null, n.SettledAt, n.DeliveredBy?.ToString(), n.LastError,
                attempts[n.Id].OrderBy(a => a.Number).Select(a => new AttemptResponse(a.Number, a.Channel?.ToString(), a.Delivered, a.Error, a.At)).ToList()))
            .ToList();
    }
}
