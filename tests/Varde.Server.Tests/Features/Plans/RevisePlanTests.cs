using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Plans;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Plans;

public abstract class RevisePlanTests(VardeApp app)
{
    [Fact]
    public async Task RevisePlan_NewThresholds_MakeVersionTwoAndLaterReadingsUseIt()
    {
        var gp = await app.ClientForAsync("gp");
        var spo2 = new { quantity = "oxygen-saturation", redLow = 85m, yellowLow = 88m };

        var response = await gp.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/plan/versions",
            new { thresholds = new[] { spo2 }, changeNote = "Lavere mål (KOLS)" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var version = (await response.Content.ReadFromJsonAsync<PlanVersionResponse>(Json.Options))!;
        version.Number.ShouldBe(2);
        version.CreatedBy.ShouldBe(TestWorld.Gp.ToString());
        var plan = (await gp.GetFromJsonAsync<GetPlan.Response>($"/api/patients/{TestWorld.PatientA}/plan", Json.Options))!;
        plan.Versions.Select(v => v.Number).ShouldBe([2, 1]);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var gateway = await app.GatewayClientAsync();
        var reading = await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = 87m, unit = "%", effectiveAt = app.Clock.GetUtcNow() });
        var triage = (await reading.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Triage;
        triage.Outcome.ShouldBe(TriageOutcome.Yellow);
        triage.PlanVersion.ShouldBe(2);
    }

    [Fact]
    public async Task RevisePlan_BoundsOutOfOrder_Is400()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/plan/versions",
            new { thresholds = new[] { new { quantity = "pulse", yellowHigh = 120m, redHigh = 100m } } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldContain("thresholds[0]");
    }
}

public sealed class RevisePlanOnSqliteTests(SqliteApp app) : RevisePlanTests(app), IClassFixture<SqliteApp>;

public sealed class RevisePlanOnPostgresTests(PostgresApp app) : RevisePlanTests(app), IClassFixture<PostgresApp>;
