using System.Net.Http.Headers;
using System.Text.Json;

namespace Varde.Bench;

/// <summary>HTTP clients for the server under test, with a bearer token from its token endpoint.</summary>
public static class VardeClient
{
    public const string GatewaySecret = "bench-gateway-secret";
    public const string StaffPassword = "Bench-staff-2026";

    public static HttpClient Create(string baseUrl, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>A gateway's client (the generator registers gateway-N for service N; gateway-1 sends for service 1's patients).</summary>
    public static Task<HttpClient> GatewayAsync(string baseUrl, int connections, CancellationToken ct, string clientId = "gateway-1") =>
        WithTokenAsync(baseUrl, connections, [new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", GatewaySecret)], ct);

    public static Task<HttpClient> NurseAsync(string baseUrl, int connections, CancellationToken ct) =>
        WithTokenAsync(baseUrl, connections, [new("grant_type", "password"), new("username", "nurse-1"), new("password", StaffPassword)], ct);

    /// <summary>The first service's leader (leader-1), who may see the statistics of any scope.</summary>
    public static Task<HttpClient> LeaderAsync(string baseUrl, CancellationToken ct) =>
        WithTokenAsync(baseUrl, 1, [new("grant_type", "password"), new("username", "leader-1"), new("password", StaffPassword)], ct);

    private static async Task<HttpClient> WithTokenAsync(string baseUrl, int connections, KeyValuePair<string, string>[] form, CancellationToken ct)
    {
        var client = Create(baseUrl, connections);
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
