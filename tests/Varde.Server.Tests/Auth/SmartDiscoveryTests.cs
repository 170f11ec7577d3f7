using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Auth;

/// <summary>
/// Issue 20 item 3 (SMART discovery and scopes): the well-known configuration anonymously at the root and under /fhir,
/// the CapabilityStatement's security naming SMART and the token endpoint, and a token request that says which scopes it
/// got — narrowed to what the client may hold — or invalid_scope, never a token with nothing in it.
/// </summary>
public abstract class SmartDiscoveryTests(VardeApp app)
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> AskAsync(string scope, bool gateway = true)
    {
        using var client = app.CreateClient();
        KeyValuePair<string, string>[] form = gateway
            ? [new("grant_type", "client_credentials"), new("client_id", TestWorld.GatewayClientId), new("client_secret", TestWorld.GatewaySecret), new("scope", scope)]
            : [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password), new("scope", scope)];
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task TheConfigurationIsPublic_AtTheRootAndUnderFhir_AndNamesTheTokenEndpointAndScopes()
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration" })
        {
            var response = await anonymous.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            var config = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
            config.GetProperty("token_endpoint").GetString().ShouldBe("http://localhost/connect/token");
            config.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()).ShouldContain("client_credentials");
            var scopes = config.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ToList();
            scopes.ShouldContain("system/Observation.c");
            scopes.ShouldContain("user/DetectedIssue.rs");
            config.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()).ShouldContain("permission-v2");
        }

        var metadata = await anonymous.GetStringAsync("/fhir/metadata");
        var security = JsonSerializer.Deserialize<Resource>(metadata, FhirJson.Strict).ShouldBeOfType<CapabilityStatement>().Rest[0].Security;
        security!.Service.Single().Coding.Single().Code.ShouldBe("SMART-on-FHIR");
        security.Description!.ShouldContain("http://localhost/connect/token");
    }

    [Fact]
    public async Task AScopeIsNarrowedToWhatTheClientMayHold_AndTheAnswerSaysWhat_OrIsInvalidScope()
    {
        var crs = await AskAsync("system/Observation.crs");
        var v1 = await AskAsync("system/Observation.write");
        var none = await AskAsync("system/Patient.rs");
        var nurse = await AskAsync("user/*.rs", gateway: false);

        crs.Status.ShouldBe(HttpStatusCode.OK);
        crs.Body.GetProperty("scope").GetString().ShouldBe("system/Observation.c");
        v1.Body.GetProperty("scope").GetString().ShouldBe("system/Observation.c");
        none.Status.ShouldBe(HttpStatusCode.BadRequest);
        none.Body.GetProperty("error").GetString().ShouldBe("invalid_scope");
        none.Body.GetProperty("error_description").GetString()!.ShouldContain("system/Observation.c");
        nurse.Body.GetProperty("scope").GetString()!.Split(' ').ShouldBe(
            ["user/Observation.rs", "user/QuestionnaireResponse.rs", "user/Device.rs", "user/Patient.rs", "user/Questionnaire.rs", "user/DetectedIssue.rs",
             "user/Communication.rs", "user/CarePlan.rs", "user/Goal.rs", "user/Composition.rs", "user/Subscription.rs"], ignoreOrder: true);

        using var narrowed = Tokens.WithToken(app, crs.Body.GetProperty("access_token").GetString()!);
        var reading = new { clientId = Guid.NewGuid().ToString(), type = "pulse", value = 70m, unit = "/min", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-1) };
        (await narrowed.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", reading)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}

public sealed class SmartDiscoveryOnSqliteTests(SqliteApp app) : SmartDiscoveryTests(app), IClassFixture<SqliteApp>;

public sealed class SmartDiscoveryOnPostgresTests(PostgresApp app) : SmartDiscoveryTests(app), IClassFixture<PostgresApp>;
