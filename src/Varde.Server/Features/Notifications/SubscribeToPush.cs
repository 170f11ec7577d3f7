using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Notifications;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// The patient turns notifications on or off in a browser: the browser's push subscription is stored for her (a
/// browser subscribing again, even for another patient on a shared tablet, replaces what it had), or revoked.
/// </summary>
public sealed class SubscribeToPush(VardeDbContext db, TimeProvider clock)
{
    public sealed record Keys(string? P256dh, string? Auth);

    /// <summary>The browser's subscription as <c>PushSubscription.toJSON()</c> gives it.</summary>
    public sealed record Request(string? Endpoint, Keys? Keys);

    /// <summary>The answer to a stored subscription: its id and when it was made.</summary>
    public sealed record Subscribed(Guid Id, DateTimeOffset CreatedAt);

    public abstract record Outcome
    {
        public sealed record Stored(PushSubscription Subscription) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;
    }

    public async Task<Outcome> SubscribeAsync(Guid patientId, Request request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var made = PushSubscription.Create(Guid.CreateVersion7(now), patientId, request.Endpoint, request.Keys?.P256dh, request.Keys?.Auth, now);
        if (!made.IsValid)
            return new Outcome.Refused(made.Errors);
        foreach (var earlier in await db.PushSubscriptions.Where(s => s.Endpoint == made.Value.Endpoint && s.RevokedAt == null).ToListAsync(ct))
            earlier.Revoke(now);
        db.PushSubscriptions.Add(made.Value);
        await db.SaveChangesAsync(ct);
        return new Outcome.Stored(made.Value);
    }

    /// <summary>Revokes this browser's subscription for the patient; true when there was one.</summary>
    public async Task<bool> UnsubscribeAsync(Guid patientId, string? endpoint, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var active = await db.PushSubscriptions.Where(s => s.PatientId == patientId && s.Endpoint == endpoint && s.RevokedAt == null).ToListAsync(ct);
        active.ForEach(s => s.Revoke(now));
        await db.SaveChangesAsync(ct);
        return active.Count > 0;
    }
}
