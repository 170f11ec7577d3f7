using System.Net;
using Varde.Server.Tests.Features.Administration;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>Issue 18 item 7, headers: every answer forbids sniffing, referrers, foreign framing and plugins; patient data is never cached.</summary>
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/login", false)]
    [InlineData("/pasient/logg-inn", false)]
    [InlineData("/api/patients", true)]
    [InlineData("/fhir/metadata", true)]
    [InlineData("/healthz", false)]
    public async Task EveryAnswer_CarriesTheHeaders(string path, bool noStore)
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBeOneOf("SAMEORIGIN", "DENY");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'self'");
        csp.ShouldContain("object-src 'none'");
        csp.ShouldContain("form-action 'self'");
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldNotContain("unsafe-eval");
        if (noStore)
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task PatientJson_IsNeverStored_EvenOnARefusal()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var refused = await admin.GetAsync($"/api/patients/{TestWorld.PatientA}");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }
}
