using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Varde.Domain.Notifications;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// Sends a notification's text to one browser through its push service (RFC 8030), encrypted for the browser's keys
/// (aes128gcm, RFC 8291) and signed with the installation's VAPID key (RFC 8292), by Lib.Net.Http.WebPush. The push
/// service's answer decides: 2xx delivered, 404/410 the subscription is gone, anything else a failure to retry.
/// </summary>
public sealed class WebPushChannel(IHttpClientFactory http, WebPushKeysStore keys)
{
    public const string HttpClientName = "web-push";

    public enum Result
    {
        Delivered,
        Gone,
        Failed,
    }

    public async Task<(Result Result, string? Error)> SendAsync(Domain.Notifications.PushSubscription to, NotificationText text, CancellationToken ct)
    {
        var (publicKey, privateKey) = await keys.GetAsync(ct);
        using var vapid = new VapidAuthentication(publicKey, privateKey) { Subject = keys.Subject };
        var client = new PushServiceClient(http.CreateClient(HttpClientName)) { AutoRetryAfter = false, DefaultAuthentication = vapid };
        var subscription = new Lib.Net.Http.WebPush.PushSubscription { Endpoint = to.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, to.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, to.Auth);
        var payload = JsonSerializer.Serialize(new { title = text.Title, body = text.Body, url = text.Link });
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription,
                new PushMessage(payload) { TimeToLive = (int)TimeSpan.FromHours(4).TotalSeconds, Urgency = PushMessageUrgency.Normal }, ct);
            return (Result.Delivered, null);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return (Result.Gone, $"push {(int)e.StatusCode}");
        }
        catch (PushServiceClientException e)
        {
            return (Result.Failed, $"push {(int)e.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (Result.Failed, $"push unreachable ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (Result.Failed, "push timed out");
        }
    }
}
