using System.Text.Json;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 20 item 8: <c>/openapi/v1.json</c> describes every endpoint of the JSON API — a summary, the slice's own
/// description, what a success answers (a body with its schema, or 204/302 with none), and the bearer requirement on
/// every endpoint that needs a sign-in — and is served without one. The FHIR API is not in it (its CapabilityStatement is).
/// </summary>
public sealed class ApiDocumentTests(EmptySqliteApp app) : IClassFixture<EmptySqliteApp>
{
    [Fact]
    public async Task EveryEndpointOfTheJsonApi_IsDescribed_WithWhatItAnswers()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .ToList();
        operations.Count.ShouldBeGreaterThan(100);
        operations.ShouldNotContain(o => o.Name.Contains(" /fhir", StringComparison.Ordinal));
        operations.ShouldContain(o => o.Name == "GET /api/patients/{patientId}/plan");
        operations.ShouldContain(o => o.Name == "POST /pasient/api/measurements");

        string Text(JsonElement op, string name) => op.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        operations.Where(o => Text(o.Operation, "summary").Length == 0).Select(o => o.Name).ShouldBeEmpty("every operation has a summary");
        operations.Where(o => Text(o.Operation, "description").Length == 0).Select(o => o.Name).ShouldBeEmpty("every operation has a description");
        operations.Where(o => !SaysWhatSuccessAnswers(o.Operation)).Select(o => o.Name).ShouldBeEmpty("every operation declares its success answer");
        operations.Where(o => o.Name.StartsWith("GET /api/patients", StringComparison.Ordinal) && !o.Operation.TryGetProperty("security", out _))
            .Select(o => o.Name).ShouldBeEmpty("patient data needs a bearer token");
        document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task TheReferencePage_AndItsScript_AreServedWithoutASignIn()
    {
        var client = app.CreateClient();

        var page = await client.GetAsync("/openapi");
        var script = await client.GetAsync("/openapi/scalar.js");

        page.EnsureSuccessStatusCode();
        (await page.Content.ReadAsStringAsync()).ShouldContain("/openapi/scalar.js");
        script.EnsureSuccessStatusCode();
        (await script.Content.ReadAsStringAsync()).ShouldContain("createApiReference");
    }

    private static bool SaysWhatSuccessAnswers(JsonElement operation) =>
        operation.GetProperty("responses").EnumerateObject().Any(r =>
            (r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any())
            || r.Name is "204" or "302" or "202");
}
