using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Gateways;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Gateways;

/// <summary>
/// Issue 17 item 5: an administrator registers device gateways (the secret shown once), rotates a secret with an
/// overlap and revokes a gateway; tokens end with their secret; every change is in the audit log (never a secret).
/// </summary>
public abstract class GatewayAdminTests(VardeApp app)
{
    [Fact]
    public async Task ARegisteredGateway_GetsATokenWithTheSecretShownOnce_AndSendsForItsServiceOnly()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var registered = await GatewayKit.RegisterAsync(admin, "hub.register");

        registered.Secret.ShouldNotBeNullOrWhiteSpace();
        registered.Gateway.Secrets.ShouldHaveSingleItem().Valid.ShouldBeTrue();
        registered.Gateway.ServiceName.ShouldBe("Nord");
        var gateway = await GatewayKit.ClientAsync(app, "hub.register", registered.Secret!);
        (await GatewayKit.SendAsync(gateway, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.SendAsync(gateway, app, TestWorld.PatientSouth)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.GetStringAsync($"/api/admin/gateways/{registered.Gateway.Id}")).ShouldNotContain(registered.Secret!);
        await using var db = app.Database.NewContext();
        var stored = await db.DeviceGateways.SingleAsync(g => g.Id == registered.Gateway.Id);
        stored.Secrets.ShouldHaveSingleItem().Hash.ShouldNotContain(registered.Secret!);
        (await db.Measurements.CountAsync(m => m.RecordedBy == "hub.register")).ShouldBe(1);
    }

    [Fact]
    public async Task TheSecret_MayComeInABasicAuthorizationHeader()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.basic");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"hub.basic:{Uri.EscapeDataString(registered.Secret!)}")));

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        (await GatewayKit.SendAsync(Tokens.WithToken(app, token), app)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Registration_IsRefusedByField()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = "Store Bokstaver", name = "Hub", serviceId = TestWorld.North }), "clientId");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = TestWorld.GatewayClientId, name = "Hub", serviceId = TestWorld.North }), "clientId");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = "hub.noname", name = " ", serviceId = TestWorld.North }), "name");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = "hub.noservice", name = "Hub" }), "serviceId");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = "hub.gpoffice", name = "Hub", serviceId = TestWorld.GpOffice }), "serviceId");
        await RefusedAsync(admin.PostAsync($"/api/admin/gateways/{TestWorld.GatewayId}/rotate", JsonContent.Create(new { overlapHours = 721 })), "overlapHours");
        (await admin.PostAsync($"/api/admin/gateways/{Guid.NewGuid()}/rotate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync($"/api/admin/gateways/{Guid.NewGuid()}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ANurse_Gets403_OnEveryGatewayEndpoint()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        (await nurse.GetAsync("/api/admin/gateways")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync($"/api/admin/gateways/{TestWorld.GatewayId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync("/api/admin/gateways", new { clientId = "hub.nurse", name = "Hub", serviceId = TestWorld.North })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/gateways/{TestWorld.GatewayId}/rotate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/gateways/{TestWorld.GatewayId}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var gateway = await app.GatewayClientAsync();
        (await gateway.GetAsync("/api/admin/gateways")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Rotation_LetsTheOldSecretWorkDuringTheOverlap_ThenOnlyTheNew_AndEndsTokensOfTheOld()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.rotate");
        var old = registered.Secret!;

        var rotated = await admin.PostAsJsonAsync($"/api/admin/gateways/{registered.Gateway.Id}/rotate", new { overlapHours = 2 });

        rotated.StatusCode.ShouldBe(HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync());
        var fresh = (await rotated.Content.ReadFromJsonAsync<GatewayOutcome.Shown>(Json.Options))!.Secret!;
        fresh.ShouldNotBe(old);
        var secrets = (await GatewayKit.OneAsync(admin, registered.Gateway.Id)).Secrets;
        secrets.Select(s => (s.ValidUntil, s.Valid)).ShouldBe(new (DateTimeOffset?, bool)[] { (app.Clock.GetUtcNow().AddHours(2), true), (null, true) });
        (await GatewayKit.SendAsync(await GatewayKit.ClientAsync(app, "hub.rotate", old), app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.SendAsync(await GatewayKit.ClientAsync(app, "hub.rotate", fresh), app)).StatusCode.ShouldBe(HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromMinutes(110));
        var lastOld = await GatewayKit.ClientAsync(app, "hub.rotate", old);
        (await GatewayKit.SendAsync(lastOld, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(10));

        (await GatewayKit.SendAsync(lastOld, app)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token outlived its secret's overlap");
        var (refused, response) = await GatewayKit.TokenAsync(app, "hub.rotate", old);
        refused.ShouldBeNull();
        (await response.Content.ReadAsStringAsync()).ShouldContain("invalid_client");
        (await GatewayKit.SendAsync(await GatewayKit.ClientAsync(app, "hub.rotate", fresh), app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        admin = await AdminKit.AdminClientAsync(app);
        var after = await GatewayKit.OneAsync(admin, registered.Gateway.Id);
        after.Secrets.Select(s => s.Valid).ShouldBe([false, true]);
        after.Activity.LastError.ShouldBe("token: secret-not-valid");
    }

    [Fact]
    public async Task Rotation_WithoutOverlap_EndsTheOldSecretsTokensAtOnce()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.at-once");
        var before = await GatewayKit.ClientAsync(app, "hub.at-once", registered.Secret!);

        var fresh = (await (await admin.PostAsJsonAsync($"/api/admin/gateways/{registered.Gateway.Id}/rotate", new { overlapHours = 0 }))
            .Content.ReadFromJsonAsync<GatewayOutcome.Shown>(Json.Options))!.Secret!;

        (await GatewayKit.SendAsync(before, app)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GatewayKit.TokenAsync(app, "hub.at-once", registered.Secret!)).Token.ShouldBeNull();
        (await GatewayKit.SendAsync(await GatewayKit.ClientAsync(app, "hub.at-once", fresh), app)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Revocation_EndsItsTokensAtOnce_AndNoNewOneIsIssued()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.revoke");
        var gateway = await GatewayKit.ClientAsync(app, "hub.revoke", registered.Secret!);
        (await GatewayKit.SendAsync(gateway, app)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var revoked = await admin.PostAsync($"/api/admin/gateways/{registered.Gateway.Id}/revoke", null);

        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        (await GatewayKit.SendAsync(gateway, app)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await GatewayKit.TokenAsync(app, "hub.revoke", registered.Secret!)).Token.ShouldBeNull();
        var shown = await GatewayKit.OneAsync(admin, registered.Gateway.Id);
        (shown.Revoked, shown.Secrets.Single().Valid, shown.Activity.Silent).ShouldBe((true, false, false));
        shown.Activity.LastError.ShouldBe("token: revoked");
        await RefusedAsync(admin.PostAsync($"/api/admin/gateways/{registered.Gateway.Id}/rotate", null), "id");
        (await admin.GetFromJsonAsync<List<GatewayResponse>>("/api/admin/gateways", Json.Options))!.Last().Revoked.ShouldBeTrue("revoked ones last");
    }

    [Fact]
    public async Task EveryChange_IsInTheAuditLog_WithoutTheSecretOrItsHash()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.audit");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var rotated = (await (await admin.PostAsync($"/api/admin/gateways/{registered.Gateway.Id}/rotate", null))
            .Content.ReadFromJsonAsync<GatewayOutcome.Shown>(Json.Options))!;
        var rotatedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await admin.PostAsync($"/api/admin/gateways/{registered.Gateway.Id}/revoke", null);

        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=gateway&entityId={registered.Gateway.Id}", Json.Options))!;

        audit.Select(e => e.Action).ShouldBe(["revoked", "secret-rotated", "created"]);
        audit.ShouldAllBe(e => e.ActorId == AdminKit.Admin.ToString() && e.EntityName == "Gateway hub.audit");
        var rotation = audit[1];
        JsonDocument.Parse(rotation.Before!).RootElement.GetProperty("secrets").GetArrayLength().ShouldBe(1);
        var after = JsonDocument.Parse(rotation.After!).RootElement.GetProperty("secrets");
        (after.GetArrayLength(), after[0].GetProperty("validUntil").GetDateTimeOffset()).ShouldBe((2, rotatedAt.AddHours(RotateGatewaySecret.DefaultOverlapHours)));
        await using var db = app.Database.NewContext();
        var hashes = (await db.DeviceGateways.SingleAsync(g => g.Id == registered.Gateway.Id)).Secrets.Select(s => s.Hash).ToList();
        foreach (var text in audit.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            text.ShouldNotContain(registered.Secret!);
            text.ShouldNotContain(rotated.Secret!);
            hashes.ShouldAllBe(h => !text.Contains(h, StringComparison.OrdinalIgnoreCase));
            text.ShouldNotContain("hash", Case.Insensitive);
        }
    }

    [Fact]
    public async Task AClientRegisteredOnlyWithOpenIddict_SignsInAsBefore()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var descriptor = new OpenIddict.Abstractions.OpenIddictApplicationDescriptor
            {
                ClientId = "legacy-hub", ClientSecret = "legacy-hub-secret", ClientType = OpenIddict.Abstractions.OpenIddictConstants.ClientTypes.Confidential,
                Permissions = { OpenIddict.Abstractions.OpenIddictConstants.Permissions.Endpoints.Token, OpenIddict.Abstractions.OpenIddictConstants.Permissions.GrantTypes.ClientCredentials },
            };
            descriptor.Properties[Varde.Server.Auth.TokenEndpoint.OrganisationProperty] = JsonSerializer.SerializeToElement(TestWorld.North.ToString());
            await scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>().CreateAsync(descriptor);
        }

        (await GatewayKit.TokenAsync(app, "legacy-hub", "wrong-secret")).Token.ShouldBeNull();
        var legacy = await GatewayKit.ClientAsync(app, "legacy-hub", "legacy-hub-secret");

        (await GatewayKit.SendAsync(legacy, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var admin = await AdminKit.AdminClientAsync(app);
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/gateways", new { clientId = "legacy-hub", name = "Hub", serviceId = TestWorld.North }), "clientId");
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field);
    }
}

public sealed class GatewayAdminOnSqliteTests(SqliteApp app) : GatewayAdminTests(app), IClassFixture<SqliteApp>;

public sealed class GatewayAdminOnPostgresTests(PostgresApp app) : GatewayAdminTests(app), IClassFixture<PostgresApp>;
