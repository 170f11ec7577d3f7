using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Varde.Server.Features.Gateways;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Gateways;

/// <summary>Registering a gateway through the API, asking for its tokens, and sending a reading as it would.</summary>
public static class GatewayKit
{
    public static async Task<GatewayOutcome.Shown> RegisterAsync(HttpClient admin, string clientId, Guid? serviceId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/gateways", new { clientId, name = $"Gateway {clientId}", serviceId = serviceId ?? TestWorld.North });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GatewayOutcome.Shown>(Json.Options))!;
    }

    /// <summary>POST /connect/token with client credentials: the token, or null with the response when refused.</summary>
    public static async Task<(string? Token, HttpResponseMessage Response)> TokenAsync(WebApplicationFactory<Program> server, string clientId, string secret)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", secret)]));
        if (!response.IsSuccessStatusCode)
            return (null, response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("access_token").GetString(), response);
    }

    public static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> server, string clientId, string secret)
    {
        var (token, response) = await TokenAsync(server, clientId, secret);
        token.ShouldNotBeNull(await response.Content.ReadAsStringAsync());
        return Tokens.WithToken(server, token);
    }

    public static object Reading(VardeApp app, decimal pulse = 70m, string? clientId = null) =>
        new { clientId = clientId ?? Guid.NewGuid().ToString(), type = "pulse", value = pulse, unit = "/min", effectiveAt = app.Clock.GetUtcNow() };

    public static Task<HttpResponseMessage> SendAsync(HttpClient gateway, VardeApp app, Guid? patientId = null) =>
        gateway.PostAsJsonAsync($"/api/patients/{patientId ?? TestWorld.PatientB}/measurements", Reading(app));

    public static async Task<GatewayResponse> OneAsync(HttpClient admin, Guid id) =>
        (await admin.GetFromJsonAsync<GatewayResponse>($"/api/admin/gateways/{id}", Json.Options))!;
}
