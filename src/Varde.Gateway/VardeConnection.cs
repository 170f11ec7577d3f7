using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Varde.Gateway;

/// <summary>How Varde answered a request, as far as the forwarder cares.</summary>
public abstract record VardeAnswer
{
    /// <summary>2xx, with the body.</summary>
    public sealed record Accepted(JsonNode? Body) : VardeAnswer;

    /// <summary>A 4xx that resending will not change (the request itself is wrong), with Varde's reason.</summary>
    public sealed record Refused(int Status, string Reason) : VardeAnswer;

    /// <summary>No answer, a timeout, 408, 429, 5xx, or a refusal of the gateway itself (401/403): try again later.</summary>
    public sealed record TryLater(string Reason) : VardeAnswer;
}

/// <summary>
/// The gateway's HTTP conversation with Varde: a client-credentials token (kept until a minute before it ends, asked
/// again after a 401), and FHIR requests whose answers become <see cref="VardeAnswer"/>s. A timeout is "try later",
/// never "refused": the request may have been stored, and the client ids make the resend harmless.
/// </summary>
public sealed class VardeConnection(HttpClient http, GatewaySettings settings, TimeProvider clock)
{
    public const string Scopes = "system/Observation.c system/Device.c";

    private string? _token;
    private DateTimeOffset _tokenEnds;

    public async Task<VardeAnswer> PostAsync(string path, JsonObject body, string? ifNoneExist = null, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await TokenAsync(ct) is { } problem)
                return problem;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Server, path))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/fhir+json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            request.Headers.Accept.ParseAdd("application/fhir+json");
            if (ifNoneExist is not null)
                request.Headers.TryAddWithoutValidation("If-None-Exist", ifNoneExist);
            var answer = await SendAsync(request, ct);
            if (answer is VardeAnswer.TryLater { Reason: "401" } && attempt == 0)
            {
                _token = null; // ended or revoked secret: ask once more
                continue;
            }

            return answer;
        }
    }

    private async Task<VardeAnswer?> TokenAsync(CancellationToken ct)
    {
        if (_token is not null && clock.GetUtcNow() < _tokenEnds)
            return null;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Server, "connect/token"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"), new("client_id", settings.ClientId), new("client_secret", settings.ClientSecret), new("scope", Scopes),
            ]),
        };
        var answer = await SendAsync(request, ct);
        if (answer is not VardeAnswer.Accepted { Body: { } body })
        {
            return answer is VardeAnswer.Refused refused
                ? new VardeAnswer.TryLater($"Varde refused the gateway's credentials ({refused.Status}: {refused.Reason})")
                : answer;
        }

        _token = body["access_token"]?.GetValue<string>();
        var seconds = body["expires_in"]?.GetValue<int>() ?? 300;
        _tokenEnds = clock.GetUtcNow().AddSeconds(Math.Max(seconds - 60, seconds / 2));
        return _token is null ? new VardeAnswer.TryLater("Varde's token answer had no access_token") : null;
    }

    private async Task<VardeAnswer> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return new VardeAnswer.TryLater($"no connection: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new VardeAnswer.TryLater("no answer in time");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new VardeAnswer.Accepted(Parse(text));
            if (status is 401 or 403 or 408 or 429 || status >= 500)
                return new VardeAnswer.TryLater(status == 401 ? "401" : $"{status} {response.StatusCode}");
            var body = Parse(text);
            // Only Varde's own refusal is final: an OperationOutcome (FHIR) or the token endpoint's OAuth error. A 4xx
            // page from a proxy on the way (during a deploy, say) is not a verdict on the reading.
            if (body?["resourceType"]?.GetValueKind() == JsonValueKind.String && body["resourceType"]!.GetValue<string>() == "OperationOutcome"
                || body?["error"] is not null)
                return new VardeAnswer.Refused(status, Reason(body) ?? response.StatusCode.ToString());
            return new VardeAnswer.TryLater($"{status} {response.StatusCode} without an OperationOutcome");
        }
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The OperationOutcome's diagnostics (or the ProblemDetails' detail/title).</summary>
    public static string? Reason(JsonNode? body)
    {
        if (body?["issue"] is JsonArray issues)
        {
            var texts = issues.Select(i => i?["diagnostics"]?.GetValue<string>() ?? i?["details"]?["text"]?.GetValue<string>()).OfType<string>().ToList();
            if (texts.Count > 0)
                return string.Join(" ", texts);
        }

        return body?["error_description"]?.GetValue<string>() ?? body?["error"]?.GetValue<string>() ?? body?["detail"]?.GetValue<string>()
            ?? body?["title"]?.GetValue<string>();
    }
}
