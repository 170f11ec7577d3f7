using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Varde.Data;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

/// <summary>Once a HelseID authority is configured, staff passwords are not accepted anywhere (ADR 0033).</summary>
public sealed class PasswordSignInOffTests(PasswordSignInOffTests.HelseIdConfiguredApp app) : IClassFixture<PasswordSignInOffTests.HelseIdConfiguredApp>
{
    [Fact]
    public async Task LoginPage_OffersHelseIdOnly()
    {
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/login");

        page.ShouldContain("/login/helseid?returnUrl=");
        page.ShouldNotContain("id=\"password\"");
    }

    [Fact]
    public async Task PasswordGrant_IsRefusedAsUnsupported_EvenWithTheRightPassword()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("unsupported_grant_type");
    }

    [Fact]
    public async Task GatewaysKeepTheirClientCredentials()
    {
        using var client = await app.GatewayClientAsync();

        (await client.GetAsync("/fhir/metadata")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void StandInProvider_BesideARealHelseId_StopsTheStart()
    {
        using var both = app.WithWebHostBuilder(b => b.UseSetting("Auth:TestProvider:Enabled", "true"));

        Should.Throw<Exception>(() => both.CreateClient()).ToString().ShouldContain("Auth:TestProvider:Enabled is on while Auth:HelseId");
    }

    /// <summary>Varde configured for a HelseID it never reaches in these tests (nothing here starts a sign-in).</summary>
    public sealed class HelseIdConfiguredApp() : VardeApp(DatabaseProvider.Sqlite)
    {
        private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"varde-helseid-{Guid.NewGuid():N}.pem");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            using var rsa = RSA.Create(2048);
            File.WriteAllText(_keyFile, rsa.ExportPkcs8PrivateKeyPem());
            builder.UseSetting("Auth:HelseId:Authority", "https://helseid-sts.test.nhn.no/");
            builder.UseSetting("Auth:HelseId:ClientId", "varde-test");
            builder.UseSetting("Auth:HelseId:PrivateKeyFile", _keyFile);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_keyFile);
        }
    }
}
