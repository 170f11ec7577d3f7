using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

public sealed class EndpointPolicyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    // The idle-timeout sign-out and the language cookie hold no data; the first start's set-up is guarded by the one-time
    // code printed on the console and closes for good once an administrator exists; an invited staff member chooses her password
    // with the one-time code of her set-up link (ADR 0022); every other page and API needs a signed-in user.
    private static readonly string[] PublicRoutes =
        ["/healthz", "/readyz", "/metrics", "/connect/token", "/login", "/session/expired", "/culture/{name}", "/pasient/logg-inn", "/pasient/registrer", "/pasient/logg-ut", "/fhir/metadata", "/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration",
            "/oppsett", SetUpRoute, "/velg-passord", SetPasswordRoute,
            // Sign-in through HelseID and ID-porten (ADR 0033): the start, and the page that says why a sign-in gave no access.
            "/login/helseid", "/login/avvist", "/pasient/logg-inn/idporten", "/pasient/avvist", "/pasient/parorende/logg-inn",
            // Video (ADR 0041): the interpreter's page opens by her link; the signalling hub takes seat tickets instead of a sign-in.
            "/video/tolk/{Token}", "/hubs/video", "/hubs/video/negotiate",
            // The JSON API's description and its reference page (issue 20 item 8): no data, only what the code says.
            "/openapi/{documentName}.json", "/openapi"];

    private const string SetUpRoute = "/api/installation/setup";
    private const string SetPasswordRoute = "/api/account/password";

    // Every administration endpoint is for administrators only (a nurse gets 403: OrganisationAdminTests, QuestionnaireAdminTests, PlanTemplateAdminTests).
    private static readonly string[] AdminRoutes =
    [
        "GET /api/admin/organisations", "POST /api/admin/organisations", "PUT /api/admin/organisations/{id:guid}",
        "POST /api/admin/organisations/{id:guid}/deactivate", "GET /api/admin/staff", "GET /api/admin/staff/{id:guid}", "POST /api/admin/staff",
        "PUT /api/admin/staff/{id:guid}", "POST /api/admin/staff/{id:guid}/deactivate", "POST /api/admin/staff/import", "GET /api/admin/audit",
        "POST /api/admin/staff/{id:guid}/setup-link", "POST /api/admin/organisations/{id:guid}/reactivate", "POST /api/admin/staff/{id:guid}/reactivate",
        "GET /api/admin/services/{id:guid}/settings", "PUT /api/admin/services/{id:guid}/settings",
        "GET /api/admin/gateways", "GET /api/admin/gateways/{id:guid}", "POST /api/admin/gateways", "POST /api/admin/gateways/{id:guid}/rotate",
        "POST /api/admin/gateways/{id:guid}/revoke",
        "GET /api/admin/backend-systems", "GET /api/admin/backend-systems/{id:guid}", "POST /api/admin/backend-systems",
        "PUT /api/admin/backend-systems/{id:guid}/keys", "POST /api/admin/backend-systems/{id:guid}/revoke",
        "POST /api/admin/equipment", "PUT /api/admin/equipment/{id:guid}", "POST /api/admin/equipment/{id:guid}/retire",
        "GET /api/admin/questionnaires", "GET /api/admin/questionnaires/{id}", "GET /api/admin/questionnaires/{id}/versions/{version}",
        "POST /api/admin/questionnaires", "POST /api/admin/questionnaires/{id}/versions/{version}/publish", "POST /api/admin/questionnaires/{id}/retire",
        "GET /api/admin/plan-templates", "GET /api/admin/plan-templates/{id:guid}", "POST /api/admin/plan-templates", "PUT /api/admin/plan-templates/{id:guid}",
        "POST /api/admin/plan-templates/{id:guid}/retire",
        "POST /api/admin/population", "GET /api/admin/population",
            "GET /api/admin/unit-costs", "PUT /api/admin/unit-costs",
    ];

    [Fact]
    public void EveryApiEndpoint_NamesAPolicy()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal) && e.RoutePattern.RawText is not (SetUpRoute or SetPasswordRoute)).ToList();

        endpoints.Count.ShouldBeGreaterThan(5);
        endpoints.ShouldAllBe(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy != null));
    }

    [Fact]
    public void EveryAdministrationEndpoint_NamesTheAdministerPolicy()
    {
        var admin = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/admin", StringComparison.Ordinal))
            .Select(e => (Route: $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText}",
                Policies: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList()))
            .ToList();

        admin.Select(e => e.Route).ShouldBe(AdminRoutes, ignoreOrder: true);
        admin.ShouldAllBe(e => e.Policies.SequenceEqual(new[] { Varde.Server.Auth.Policies.Administer }));
    }

    [Fact]
    public void OnlyHealthMetricsTokenLoginSessionEndLanguageAndAssetsAreAnonymous()
    {
        var anonymous = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(route => !route.EndsWith(".css", StringComparison.Ordinal) && !route.EndsWith(".js", StringComparison.Ordinal) && !route.EndsWith(".svg", StringComparison.Ordinal)
                && !route.EndsWith(".txt", StringComparison.Ordinal)
                && !route.Contains("_framework", StringComparison.Ordinal)
                && !route.EndsWith(".gz", StringComparison.Ordinal))
            .Distinct().ToList();

        anonymous.ShouldBe(PublicRoutes, ignoreOrder: true);
    }

    [Fact]
    public async Task UnknownPathsAndPages_RequireSignIn()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await client.GetAsync("/")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await client.GetAsync("/varde.css")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await client.GetAsync("/login")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
