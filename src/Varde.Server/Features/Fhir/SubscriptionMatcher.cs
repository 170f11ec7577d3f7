using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Subscriptions;
using Varde.Domain.Triage;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Turns stored outbox events into subscription notifications: an alert opened or changed (every <c>alert.*</c>
/// event) for the DetectedIssue topic, the measurements of a <c>report.received</c> for the Observation topic. The
/// intake writes only its outbox event, as before: matching and sending happen here and in
/// <see cref="SubscriptionDelivery"/>, so a subscriber that is slow or down never slows the intake.
/// <para>Each subscription keeps how far it is matched; a round reads from there less <see cref="LookBack"/> (a
/// transaction can commit after a later one), and a notification is made once per subscription and cause, so a second
/// look or a second server adds nothing. An event reaches a subscription only when it passes the filters and the
/// owner may see the patient (<see cref="PatientAccessRule"/>, at the time of matching), and is access-logged.</para>
/// </summary>
public sealed partial class SubscriptionMatcher(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<SubscriptionMatcher> logger)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromSeconds(30);
    private const int PageSize = 2_000;

    /// <summary>Matches the events stored since each subscription's mark; answers how many notifications it made.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var subscriptions = await db.FhirSubscriptions.Where(s => s.Status != SubscriptionStatus.Off).ToListAsync(ct);
        // A subscription ends at its end time, and lives with its owner's access: someone who no longer works here hears nothing more.
        var owners = subscriptions.Select(s => Guid.TryParse(s.OwnerId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var gone = (await db.StaffMembers.AsNoTracking().Where(m => owners.Contains(m.Id) && m.DeactivatedAt != null).Select(m => m.Id).ToListAsync(ct))
            .Select(id => id.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var s in subscriptions)
        {
            var why = s.IsPastEnd(now) ? "The subscription reached its end." : gone.Contains(s.OwnerId) ? "Its owner's access has ended." : null;
            if (why is null)
                continue;
            s.TurnOff(why);
            await SubscriptionDelivery.DropWaitingAsync(db, s.Id, ct);
        }

        subscriptions.RemoveAll(s => s.Status == SubscriptionStatus.Off);
        if (subscriptions.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }

        var from = subscriptions.Min(s => s.MatchedThrough) - LookBack;
        var made = 0;
        var seen = new List<(Guid Patient, FhirSubscription Subscription)>();
        while (true)
        {
            var events = await db.OutboxEvents.AsNoTracking()
                .Where(e => e.OccurredAt >= from && e.OccurredAt <= now && (e.Type.StartsWith("alert.") || e.Type == "report.received"))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(PageSize).ToListAsync(ct);
            made += await MatchAsync(subscriptions, events, now, seen, ct);
            if (events.Count < PageSize)
                break;
            from = events[^1].OccurredAt > from ? events[^1].OccurredAt : events[^1].OccurredAt.AddTicks(1);
        }

        foreach (var s in subscriptions)
            s.MatchedUpTo(now);
        foreach (var owner in seen.GroupBy(x => x.Subscription.OwnerId))
            await gate.LogAsync(owner.First().Subscription.Owner, owner.Select(x => x.Patient).Distinct(), "fhir.subscription", AccessOutcome.Allowed, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another server matched the same events or a subscription was deleted meanwhile: the next round sees what stands.
            LogRace(logger, e.GetType().Name);
            db.ChangeTracker.Clear();
            return 0;
        }

        return made;
    }

    private async Task<int> MatchAsync(List<FhirSubscription> subscriptions, List<OutboxEvent> events, DateTimeOffset now,
        List<(Guid Patient, FhirSubscription Subscription)> seen, CancellationToken ct)
    {
        if (events.Count == 0)
            return 0;
        var patientIds = events.Select(e => e.PatientId).OfType<Guid>().Distinct().ToList();
        var relations = (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToListAsync(ct)).ToDictionary(p => p.Id, p => p.CareRelations);
        var candidates = new List<(FhirSubscription Subscription, string Cause, string FocusType, Guid FocusId, Guid Patient, DateTimeOffset At)>();

        var alertEvents = events.Where(e => e.Type.StartsWith("alert.", StringComparison.Ordinal) && e.AlertId is not null && e.PatientId is not null).ToList();
        foreach (var s in subscriptions.Where(s => s.Topic == SubscriptionTopic.DetectedIssue))
        {
            foreach (var e in alertEvents.Where(e => Fresh(s, e.OccurredAt) && (s.PatientFilter is null || s.PatientFilter == e.PatientId)
                         && (s.ZoneFilter is null || ZoneOf(e) == s.ZoneFilter)))
                candidates.Add((s, $"{e.Type}:{e.Id}", "DetectedIssue", e.AlertId!.Value, e.PatientId!.Value, e.OccurredAt));
        }

        var observing = subscriptions.Where(s => s.Topic == SubscriptionTopic.Observation).ToList();
        var received = events.Where(e => e.Type == "report.received" && e.PatientId is not null).ToList();
        if (observing.Count > 0 && received.Count > 0)
        {
            var receivedBy = received.Select(e => e.PatientId!.Value).Distinct().ToList();
            var (earliest, latest) = (received.Min(e => e.OccurredAt), received.Max(e => e.OccurredAt));
            var measurements = await db.Measurements.AsNoTracking()
                .Where(m => receivedBy.Contains(m.PatientId) && m.ReceivedAt >= earliest && m.ReceivedAt <= latest)
                .Select(m => new { m.Id, m.PatientId, m.Type, m.ReceivedAt }).ToListAsync(ct);
            var byArrival = measurements.ToLookup(m => (m.PatientId, m.ReceivedAt));
            foreach (var s in observing)
            {
                var types = s.CodeFilter is { } code ? ObservationCodes.TypesFor(ObservationCodes.Loinc, code) : null;
                foreach (var e in received.Where(e => Fresh(s, e.OccurredAt) && (s.PatientFilter is null || s.PatientFilter == e.PatientId)))
                {
                    foreach (var m in byArrival[(e.PatientId!.Value, e.OccurredAt)].Where(m => types is null || types.Contains(m.Type)))
                        candidates.Add((s, $"measurement:{m.Id}", "Observation", m.Id, m.PatientId, e.OccurredAt));
                }
            }
        }

        var allowed = candidates.Where(c => relations.TryGetValue(c.Patient, out var r) && PatientAccessRule.Allows(c.Subscription.Owner, r)).ToList();
        var made = 0;
        foreach (var forSubscription in allowed.GroupBy(c => c.Subscription))
        {
            var s = forSubscription.Key;
            var causes = forSubscription.Select(c => c.Cause).ToList();
            var told = (await db.SubscriptionNotifications.AsNoTracking().Where(n => n.SubscriptionId == s.Id && causes.Contains(n.Cause)).Select(n => n.Cause).ToListAsync(ct))
                .ToHashSet(StringComparer.Ordinal);
            foreach (var c in forSubscription.Where(c => told.Add(c.Cause)).OrderBy(c => c.At))
            {
                db.SubscriptionNotifications.Add(s.Event(Guid.CreateVersion7(now), c.Cause, c.FocusType, c.FocusId, c.At, now));
                seen.Add((c.Patient, s));
                made++;
            }
        }

        return made;
    }

    // Only what happened once the subscription existed, and not what an earlier round settled past the look-back.
    private static bool Fresh(FhirSubscription s, DateTimeOffset at) => at >= s.CreatedAt && at >= s.MatchedThrough - LookBack;

    private static TriageOutcome? ZoneOf(OutboxEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return payload.RootElement.TryGetProperty("zone", out var zone) && Enum.TryParse<TriageOutcome>(zone.GetString(), out var parsed) ? parsed : null;
    }

    [LoggerMessage(LogLevel.Information, "Subscription matching met another change ({Kind}); the next round matches again")]
    private static partial void LogRace(ILogger logger, string kind);
}
