using System.Net.Http.Headers;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// The boundary to an SMS provider: one message to one number. Varde has one implementation over HTTP
/// (<see cref="HttpSmsGateway"/>); an installation without a provider has <see cref="NoSmsGateway"/>, and tests put a fake
/// in its place. The text never carries health data (<see cref="Domain.Notifications.NotificationText"/>).
/// </summary>
public interface ISmsGateway
{
    bool IsConfigured { get; }

    /// <summary>Null when the provider took the message; else why not (a status, no personal data).</summary>
    Task<string?> SendAsync(string phoneNumber, string text, CancellationToken ct);
}

/// <summary>No SMS provider configured: nothing is sent by SMS.</summary>
public sealed class NoSmsGateway : ISmsGateway
{
    public bool IsConfigured => false;

    public Task<string?> SendAsync(string phoneNumber, string text, CancellationToken ct) => Task.FromResult<string?>("sms not configured");
}

/// <summary>
/// An SMS provider reached by HTTP: <c>POST {Notifications:Sms:Url}</c> with <c>{"to": "+4791234567", "text": "…",
/// "sender": "Varde"}</c> and a bearer key (<c>Notifications:Sms:ApiKey</c>). A 2xx answer is taken as accepted; the
/// common Norwegian gateways take this shape or are put behind a small adapter that does.
/// </summary>
public sealed class HttpSmsGateway(HttpClient http, IConfiguration configuration) : ISmsGateway
{
    public bool IsConfigured => true;

    public async Task<string?> SendAsync(string phoneNumber, string text, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration["Notifications:Sms:Url"])
        {
            Content = JsonContent.Create(new { to = phoneNumber, text, sender = configuration["Notifications:Sms:Sender"] ?? "Varde" }),
        };
        if (configuration["Notifications:Sms:ApiKey"] is { Length: > 0 } key)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"sms {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"sms unreachable ({e.HttpRequestError})";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "sms timed out";
        }
    }
}
