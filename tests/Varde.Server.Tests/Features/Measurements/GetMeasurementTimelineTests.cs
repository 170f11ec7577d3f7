using System.Net;
using System.Net.Http.Json;
using Varde.Server.Features.Measurements;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Measurements;

public abstract class GetMeasurementTimelineTests(VardeApp app)
{
    [Fact]
    public async Task GetTimeline_OutOfOrderReadings_ComeBackNewestFirstFilteredByTypeAndTime()
    {
        var gateway = await app.GatewayClientAsync();
        var now = app.Clock.GetUtcNow();
        int[] daysAgo = [3, 1, 5, 2, 4];
        foreach (var d in daysAgo)
        {
            (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", new
            {
                clientId = $"w-{d}", type = "body-weight", value = 80m + d, unit = "kg", effectiveAt = now.AddDays(-d),
            })).EnsureSuccessStatusCode();
        }

        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", new
        {
            clientId = "p-1", type = "pulse", value = 70m, unit = "/min", effectiveAt = now.AddDays(-2),
        })).EnsureSuccessStatusCode();
        var nurse = await app.ClientForAsync("nurse.north");
        var from = Uri.EscapeDataString(now.AddDays(-4).ToOffset(TimeSpan.FromHours(2)).ToString("O"));

        var rows = await nurse.GetFromJsonAsync<List<MeasurementResponse>>(
            $"/api/patients/{TestWorld.PatientB}/measurements?type=body-weight&from={from}", Json.Options);

        rows!.Select(r => r.Value).ShouldBe([81m, 82m, 83m, 84m]);
        var all = await nurse.GetFromJsonAsync<List<MeasurementResponse>>($"/api/patients/{TestWorld.PatientB}/measurements?limit=2", Json.Options);
        all!.Count.ShouldBe(2);
        all[0].EffectiveAt.ShouldBe(now.AddDays(-1));
    }

    [Theory]
    [InlineData("type=blood-sugar")]
    [InlineData("limit=0")]
    [InlineData("limit=5001")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task GetTimeline_BadQuery_Is400(string query)
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.GetAsync($"/api/patients/{TestWorld.PatientB}/measurements?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}

public sealed class GetMeasurementTimelineOnSqliteTests(SqliteApp app) : GetMeasurementTimelineTests(app), IClassFixture<SqliteApp>;

public sealed class GetMeasurementTimelineOnPostgresTests(PostgresApp app) : GetMeasurementTimelineTests(app), IClassFixture<PostgresApp>;
