using System.Net.Http.Headers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Subscriptions;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POSTs the waiting subscription notifications to their endpoints, per subscription in the order they were made:
/// the handshake first (nothing else goes before it has arrived), then the events; a heartbeat when nothing reached
/// the endpoint for its period. A failed POST (not 2xx, refused, or slower than the subscription's timeout) is tried
/// again after <see cref="SubscriptionNotification.RetryDelays"/>, and the notifications after it wait for it. Each
/// notification is taken with a conditional update of its next try, so two servers never send it at once. Up to
/// <see cref="Parallel"/> subscriptions are sent to at once, each in its own scope, so one slow endpoint does not hold
/// up the others' notifications.
/// </summary>
public sealed partial class SubscriptionDelivery(VardeDbContext db, IServiceScopeFactory scopes, IHttpClientFactory http, TimeProvider clock,
    ILogger<SubscriptionDelivery> logger)
{
    public const string HttpClientName = "fhir-subscriptions";

    /// <summary>How many subscriptions' endpoints are sent to at the same time.</summary>
    public const int Parallel = 4;

    /// <summary>How long a taken notification is left to its sender before another may take it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Sends what is due and heartbeats; answers how many notifications reached their endpoints.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await HeartbeatsAsync(now, ct);
        var due = await db.SubscriptionNotifications.AsNoTracking().Where(n => n.NextTryAt != null && n.NextTryAt <= now)
            .Select(n => n.SubscriptionId).Distinct().ToListAsync(ct);
        var delivered = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (subscriptionId, token) =>
            {
                // One subscription's failure (its database work, say) is its own: the others' sends go on and are saved.
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var own = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
                    Interlocked.Add(ref delivered, await SendInOrderAsync(own, subscriptionId, token));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSubscriptionFailed(logger, subscriptionId, e);
                }
            });
        return delivered;
    }

    private async System.Threading.Tasks.Task HeartbeatsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var beating = await db.FhirSubscriptions.Where(s => s.Status == SubscriptionStatus.Active && s.HeartbeatSeconds != null).ToListAsync(ct);
        foreach (var s in beating)
        {
            if (s.HeartbeatIfDue(Guid.CreateVersion7(now), now) is { } beat && !await db.SubscriptionNotifications.AnyAsync(n => n.SubscriptionId == s.Id && n.NextTryAt != null, ct))
                db.SubscriptionNotifications.Add(beat);
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Sends one subscription's waiting notifications oldest first, until one fails or is not due yet.</summary>
    private async Task<int> SendInOrderAsync(VardeDbContext db, Guid subscriptionId, CancellationToken ct)
    {
        var delivered = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var subscription = await db.FhirSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, ct);
            if (subscription is null || subscription.Status == SubscriptionStatus.Off)
                return delivered;
            var waiting = db.SubscriptionNotifications.Where(n => n.SubscriptionId == subscriptionId && n.NextTryAt != null);
            if (subscription.Status == SubscriptionStatus.Requested)
                waiting = waiting.Where(n => n.Kind == NotificationKind.Handshake);
            var next = await waiting.OrderBy(n => n.CreatedAt).ThenBy(n => n.EventNumber).ThenBy(n => n.Id).FirstOrDefaultAsync(ct);
            var now = clock.GetUtcNow();
            if (next is null || next.NextTryAt > now)
                return delivered;
            var takenUntil = now + Lease;
            var before = next.NextTryAt;
            var taken = await db.SubscriptionNotifications.Where(n => n.Id == next.Id && n.NextTryAt == before)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.NextTryAt, takenUntil), ct);
            if (taken == 0)
                return delivered; // another server sends this subscription's notifications now

            var focus = subscription.Content == SubscriptionContent.FullResource ? await FocusAsync(db, next, ct) : null;
            var (ok, status) = await PostAsync(subscription, next, focus, ct);
            var at = clock.GetUtcNow();
            var gaveUp = next.Tried(ok, status, at);
            if (ok)
            {
                subscription.Delivered(at);
                delivered++;
            }
            else if (gaveUp)
            {
                subscription.GaveUp(next.Kind, $"Notification {next.EventNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? next.Kind.ToString()} given up after {next.Attempts} tries: {status}.");
                if (subscription.Status == SubscriptionStatus.Off)
                    await DropWaitingAsync(db, subscriptionId, ct);
            }
            else
            {
                subscription.Failed($"The endpoint answered {status}; tried again at {next.NextTryAt:O}.");
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return delivered; // deleted or changed by its owner meanwhile
            }

            if (!ok && !gaveUp)
                return delivered; // the rest wait for this one
        }
    }

    /// <summary>A subscription turned off: what waits for it is given up, not sent (the one being tried keeps its own outcome).</summary>
    public static async System.Threading.Tasks.Task DropWaitingAsync(VardeDbContext db, Guid subscriptionId, CancellationToken ct) =>
        await db.SubscriptionNotifications.Where(n => n.SubscriptionId == subscriptionId && n.NextTryAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.GivenUp, true).SetProperty(n => n.NextTryAt, (DateTimeOffset?)null), ct);

    /// <summary>An event's focus resource as the reads map it (for full-resource content); none when it is gone.</summary>
    public static async Task<Resource?> FocusAsync(VardeDbContext db, SubscriptionNotification n, CancellationToken ct)
    {
        if (n.FocusId is not { } id)
            return null;
        if (n.FocusType == "DetectedIssue")
            return await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct) is { } alert ? DetectedIssueResources.ToFhir(alert) : null;
        var measurement = await db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (measurement is null)
            return null;
        var triage = await db.TriageRecords.AsNoTracking().Where(r => r.ReportId == id).Select(r => r.Result).SingleOrDefaultAsync(ct);
        return ObservationMapping.ToFhir(measurement, triage);
    }

    private async Task<(bool Ok, string Status)> PostAsync(FhirSubscription s, SubscriptionNotification n, Resource? focus, CancellationToken ct)
    {
        var bundle = SubscriptionMapping.Notification(s, n, focus, clock.GetUtcNow());
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(bundle, FhirJson.Output));
        content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson.ContentType) { CharSet = "utf-8" };
        using var post = new HttpRequestMessage(HttpMethod.Post, s.Endpoint) { Content = content };
        if (s.Header is { } header)
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            post.Headers.TryAddWithoutValidation(header[..colon].Trim(), header[(colon + 1)..].Trim());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(s.TimeoutSeconds));
        try
        {
            using var answer = await http.CreateClient(HttpClientName).SendAsync(post, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (answer.IsSuccessStatusCode, code);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, "timeout");
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, s.Id, e.HttpRequestError.ToString());
            return (false, $"unreachable ({e.HttpRequestError})");
        }
    }

    [LoggerMessage(LogLevel.Information, "Subscription {SubscriptionId}: the endpoint could not be reached ({Error})")]
    private static partial void LogUnreachable(ILogger logger, Guid subscriptionId, string error);

    [LoggerMessage(LogLevel.Error, "Subscription {SubscriptionId}: sending failed; it is tried again after its lease")]
    private static partial void LogSubscriptionFailed(ILogger logger, Guid subscriptionId, Exception e);
}
