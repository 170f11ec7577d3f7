using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Varde.Server.Features.BackendSystems;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// Issue 20 item 3 (ADR 0045): SMART Backend Services. An administrator registers a backend system with its public
/// key; the system signs a JWT with its private key (<c>private_key_jwt</c>, RS384 or ES384) for a token, reads and
/// exports what its organisation's staff may read, and never writes. A wrong key, an expired or replayed assertion, a
/// wrong audience and a secret are refused (invalid_client, 401); a key change and a revocation take effect at once.
/// </summary>
public abstract class BackendSystemTests(VardeApp app)
{
    private const string TokenUrl = "http://localhost/connect/token";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>A signing key the system keeps, and the JWKS with its public half that the administrator registers.</summary>
    private sealed record Key(SecurityKey Private, string Algorithm, JsonElement PublicSet);

    private static Key RsaKey(string kid)
    {
        var rsa = RSA.Create(2048);
        var parameters = rsa.ExportParameters(false);
        var jwk = new { kty = "RSA", kid, use = "sig", alg = "RS384", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
        return new Key(new RsaSecurityKey(rsa) { KeyId = kid }, SecurityAlgorithms.RsaSha384, JsonSerializer.SerializeToElement(new { keys = new[] { jwk } }));
    }

    private static Key EcKey(string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var parameters = ec.ExportParameters(false);
        var jwk = new { kty = "EC", kid, crv = "P-384", x = Base64UrlEncoder.Encode(parameters.Q.X), y = Base64UrlEncoder.Encode(parameters.Q.Y) };
        return new Key(new ECDsaSecurityKey(ec) { KeyId = kid }, SecurityAlgorithms.EcdsaSha384, JsonSerializer.SerializeToElement(new { keys = new[] { jwk } }));
    }

    /// <summary>A client assertion as SMART Backend Services has it: header typ JWT (or RFC 7523bis's client-authentication+jwt), kid; iss = sub = client id, aud = token URL, exp within 5 minutes, jti.</summary>
    private string Assertion(string clientId, Key key, DateTimeOffset? expires = null, string audience = TokenUrl, string? jti = null, string type = "JWT") =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = type,
            Issuer = clientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = jti ?? Guid.NewGuid().ToString() },
            IssuedAt = Now.UtcDateTime,
            Expires = (expires ?? Now.AddMinutes(4)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Private, key.Algorithm),
        });

    private async Task<HttpResponseMessage> AskForTokenAsync(string assertion, string scope = "system/*.rs")
    {
        using var client = app.CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("scope", scope),
            new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), new("client_assertion", assertion)]));
    }

    private async Task<HttpClient> SystemClientAsync(string clientId, Key key, string scope = "system/*.rs")
    {
        var response = await AskForTokenAsync(Assertion(clientId, key), scope);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return Tokens.WithToken(app, body.GetProperty("access_token").GetString()!);
    }

    private static async Task<BackendSystemResponse> RegisterAsync(HttpClient admin, string clientId, Key key, Guid? organisation = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/backend-systems",
            new { clientId, name = "Fagsystem " + clientId, organisationId = organisation ?? TestWorld.North, keys = key.PublicSet });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<BackendSystemResponse>(Json.Options))!;
    }

    [Fact]
    public async Task ABackendSystem_SignsInWithItsKey_AndReadsItsServicesPatientsOnly_NeverWrites()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = RsaKey("ehr-north-1");
        var registered = await RegisterAsync(admin, "ehr.north", key);
        registered.OrganisationName.ShouldBe("Nord");
        registered.Keys.GetProperty("keys")[0].TryGetProperty("d", out _).ShouldBeFalse();

        var response = await AskForTokenAsync(Assertion("ehr.north", key), "system/Observation.rs system/Patient.rs system/Observation.c");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, token.ToString());
        token.GetProperty("scope").GetString()!.Split(' ').ShouldBe(["system/Observation.rs", "system/Patient.rs"], ignoreOrder: true, "read only: the c is not given");
        var system = Tokens.WithToken(app, token.GetProperty("access_token").GetString()!);

        var own = await system.GetAsync($"/fhir/Patient/{TestWorld.PatientA}");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await system.GetAsync($"/fhir/Patient/{TestWorld.PatientSouth}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var search = JsonSerializer.Deserialize<Resource>(await system.GetStringAsync($"/fhir/Observation?patient={TestWorld.PatientA}"), FhirJson.Strict);
        search.ShouldBeOfType<Bundle>().Type.ShouldBe(Bundle.BundleType.Searchset);
        (await system.GetAsync($"/fhir/DetectedIssue?patient={TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "no DetectedIssue scope asked for");
        var write = await system.PostAsync("/fhir/Observation", new StringContent("{\"resourceType\":\"Observation\"}", System.Text.Encoding.UTF8, "application/fhir+json"));
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the FHIR API only");

        await using var db = app.Database.NewContext();
        (await db.AccessLog.AnyAsync(e => e.ActorId == "ehr.north" && e.PatientId == TestWorld.PatientA && e.Action == "fhir.patient.read")).ShouldBeTrue();
        (await db.AccessLog.AnyAsync(e => e.ActorId == "ehr.north" && e.PatientId == TestWorld.PatientSouth
            && e.Outcome == Varde.Domain.Access.AccessOutcome.Denied)).ShouldBeTrue();
        (await db.AdminAudit.AnyAsync(e => e.EntityId == registered.Id && e.Action == "created")).ShouldBeTrue();
    }

    [Fact]
    public async Task AHospitalDepartmentsSystem_ReadsOnlyThePatientsSharedWithIt_AndMayUseAnEcKey()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = EcKey("dips-1");
        await RegisterAsync(admin, "dips.medisinsk", key, TestWorld.Hospital);
        var system = await SystemClientAsync("dips.medisinsk", key);
        (await AskForTokenAsync(Assertion("dips.medisinsk", key, audience: "http://localhost/", type: "client-authentication+jwt")))
            .StatusCode.ShouldBe(HttpStatusCode.OK, "RFC 7523bis's typ and the server as audience are taken too");

        await using var db = app.Database.NewContext();
        var shared = await db.Patients.Where(p => p.SharedWithDepartmentIds.Contains(TestWorld.Hospital)).Select(p => p.Id).ToListAsync();
        shared.ShouldContain(TestWorld.PatientA);
        foreach (var patient in new[] { TestWorld.PatientA, TestWorld.PatientB, TestWorld.PatientSouth })
            (await system.GetAsync($"/fhir/Patient/{patient}")).StatusCode.ShouldBe(shared.Contains(patient) ? HttpStatusCode.OK : HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AssertionsThatMustNotCount_AreRefusedAsInvalidClient()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = RsaKey("ehr-refusals-1");
        await RegisterAsync(admin, "ehr.refusals", key);

        async Task ShouldBeRefusedAsync(string assertion, string why)
        {
            var response = await AskForTokenAsync(assertion);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, why + ": " + body);
            JsonDocument.Parse(body).RootElement.GetProperty("error").GetString().ShouldBe("invalid_client", why);
        }

        await ShouldBeRefusedAsync(Assertion("ehr.refusals", RsaKey("ehr-refusals-1")), "signed with another key under the same kid");
        await ShouldBeRefusedAsync(Assertion("ehr.refusals", key, expires: Now.AddMinutes(-2)), "expired");
        await ShouldBeRefusedAsync(Assertion("ehr.refusals", key, expires: Now.AddMinutes(30)), "valid for longer than five minutes");
        await ShouldBeRefusedAsync(Assertion("ehr.refusals", key, type: "at+jwt"), "not a client assertion's typ");
        await ShouldBeRefusedAsync(Assertion("ehr.refusals", key, audience: "https://elsewhere.example/token"), "for another server");
        await ShouldBeRefusedAsync(Assertion("ehr.unknown", key), "an unregistered client");
        await ShouldBeRefusedAsync(Assertion("ehr.refusals", key, audience: "http://localhost/"), "SMART's typ JWT names the token URL, not the server");
        await ShouldBeRefusedAsync("a.b.c", "three dots are not a JWT");
        await ShouldBeRefusedAsync("eyJhbGciOiJub25lIn0.e30.", "unsigned");
        var once = Assertion("ehr.refusals", key);
        (await AskForTokenAsync(once)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRefusedAsync(once, "the same assertion again (jti replayed)");

        using var client = app.CreateClient();
        var withSecret = await client.PostAsync("/connect/token", new FormUrlEncodedContent([
            new("grant_type", "client_credentials"), new("client_id", "ehr.refusals"), new("client_secret", "anything-at-all-16")]));
        withSecret.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a backend system has no secret");
    }

    [Fact]
    public async Task WithAPublicUrl_TheAudienceIsThatAddress_WhateverTheHostHeaderSays()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = RsaKey("ehr-public-1");
        await RegisterAsync(admin, "ehr.public", key);
        await using var behindProxy = app.WithWebHostBuilder(b => b.UseSetting("Auth:PublicUrl", "https://varde.example.no/"));
        using var client = behindProxy.CreateClient();
        async Task<HttpStatusCode> AskAsync(string audience) =>
            (await client.PostAsync("/connect/token", new FormUrlEncodedContent([
                new("grant_type", "client_credentials"), new("scope", "system/Patient.rs"),
                new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                new("client_assertion", Assertion("ehr.public", key, audience: audience))]))).StatusCode;

        (await AskAsync(TokenUrl)).ShouldBe(HttpStatusCode.Unauthorized, "the request's own address is not the public one");
        (await AskAsync("https://varde.example.no/connect/token")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ABackendSystem_ReadsQuestionnaires_ToUnderstandTheAnswers()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = RsaKey("ehr-questionnaires-1");
        await RegisterAsync(admin, "ehr.questionnaires", key);
        var system = await SystemClientAsync("ehr.questionnaires", key);

        (await system.GetAsync("/fhir/Questionnaire")).StatusCode.ShouldBe(HttpStatusCode.OK, "the scope it is given can be used");
    }

    [Fact]
    public async Task ChangedKeys_AndRevocation_TakeEffectAtOnce_AndAreAudited()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var first = RsaKey("ehr-rotate-1");
        var registered = await RegisterAsync(admin, "ehr.rotate", first);
        var system = await SystemClientAsync("ehr.rotate", first);

        var second = EcKey("ehr-rotate-2");
        var changed = await admin.PutAsJsonAsync($"/api/admin/backend-systems/{registered.Id}/keys", new { keys = second.PublicSet });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await AskForTokenAsync(Assertion("ehr.rotate", first))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the old key is gone");
        await SystemClientAsync("ehr.rotate", second);

        var privateKey = JsonSerializer.SerializeToElement(new { keys = new[] { new { kty = "EC", kid = "x", crv = "P-384", x = "AAAA", y = "AAAA", d = "AAAA" } } });
        var refused = await admin.PutAsJsonAsync($"/api/admin/backend-systems/{registered.Id}/keys", new { keys = privateKey });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("private");

        (await system.GetAsync($"/fhir/Patient/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/admin/backend-systems/{registered.Id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await system.GetAsync($"/fhir/Patient/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a token given before ends");
        (await AskForTokenAsync(Assertion("ehr.rotate", second))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no new token");
        var listed = await admin.GetFromJsonAsync<List<BackendSystemResponse>>("/api/admin/backend-systems", Json.Options);
        listed!.Single(s => s.Id == registered.Id).Revoked.ShouldBeTrue();

        await using var db = app.Database.NewContext();
        (await db.AdminAudit.Where(e => e.EntityId == registered.Id).Select(e => e.Action).ToListAsync()).ShouldBe(["created", "keys-replaced", "revoked"], ignoreOrder: true);
    }

    [Fact]
    public async Task Registration_IsRefusedByField()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var response = await admin.PostAsJsonAsync("/api/admin/backend-systems",
            new { clientId = "X", name = "", organisationId = TestWorld.Horten, keys = new { keys = Array.Empty<object>() } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["clientId", "name", "keys", "organisationId"], ignoreOrder: true);
        (await (await app.ClientForAsync("nurse.north")).GetAsync("/api/admin/backend-systems")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ABackendSystem_ExportsItsService_AsNdjson()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var key = RsaKey("ehr-export-1");
        await RegisterAsync(admin, "ehr.export", key);
        var system = await SystemClientAsync("ehr.export", key);

        var status = await BulkExportTests.KickOffAsync(system, $"/fhir/Group/{TestWorld.North}/$export?_type=Patient,Observation");
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<BulkExportJob>().RunAsync(default)).ShouldBeGreaterThanOrEqualTo(1);
        var resources = await BulkExportTests.DownloadAsync(system, await BulkExportTests.ManifestAsync(system, status));

        resources.OfType<Patient>().Select(p => p.Id).ShouldContain(TestWorld.PatientA.ToString());
        resources.OfType<Patient>().Select(p => p.Id).ShouldNotContain(TestWorld.PatientSouth.ToString());
        (await (await app.ClientForAsync("nurse.north")).GetAsync(status)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only the system that asked");
    }
}

public sealed class BackendSystemOnSqliteTests(SqliteApp app) : BackendSystemTests(app), IClassFixture<SqliteApp>;

public sealed class BackendSystemOnPostgresTests(PostgresApp app) : BackendSystemTests(app), IClassFixture<PostgresApp>;
