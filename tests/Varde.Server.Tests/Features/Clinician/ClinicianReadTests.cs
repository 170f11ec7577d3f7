using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Live;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Clinician;

/// <summary>The reads behind the clinician screens (alert detail, patient overview, capacity) and the live channel, on both databases.</summary>
public abstract class ClinicianReadTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<Guid> RedAlertAsync(Guid patient)
    {
        var gateway = await app.GatewayClientAsync();
        var response = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 86m, Now.AddMinutes(-5)));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("alertId").GetGuid();
    }

    [Fact]
    public async Task GetAlert_GivesReasonsNamesAndThePlansInstructionForTheZone()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var alertId = await RedAlertAsync(patient);
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.PostAsync($"/api/alerts/{alertId}/acknowledge", null)).EnsureSuccessStatusCode();

        var detail = await nurse.GetFromJsonAsync<GetAlert.Response>($"/api/alerts/{alertId}", Json.Options);

        detail!.Alert.Zone.ShouldBe(TriageOutcome.Red);
        detail.Alert.State.ShouldBe(AlertState.Acknowledged);
        detail.AcknowledgedByName.ShouldNotBeNullOrEmpty();
        detail.AcknowledgedByName.ShouldNotBe(TestWorld.NurseNorth.ToString());
        detail.ZoneInstruction.ShouldBe(Rules.Instructions!.Red);
        detail.Alert.Reports.Single().ReasonNb.ShouldContain("SpO2 86 %");
    }

    [Fact]
    public async Task GetAlert_OtherServicesNurse_Gets404()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var alertId = await RedAlertAsync(patient);
        var south = await app.ClientForAsync("nurse.south");

        (await south.GetAsync($"/api/alerts/{alertId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overview_HasPlansReportsWithTriageAndAlertHistory_AndRejectsABadPeriod()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var alertId = await RedAlertAsync(patient);
        var gp = await app.ClientForAsync("nurse.north");

        var overview = await gp.GetFromJsonAsync<GetPatientOverview.Response>($"/api/patients/{patient}/overview?days=30", Json.Options);

        overview!.Plans.ShouldNotBeEmpty();
        overview.Reports.Single().Triage!.Outcome.ShouldBe(TriageOutcome.Red);
        overview.Reports.Single().Values.ShouldBe([86m]);
        overview.Alerts.Single().Alert.Id.ShouldBe(alertId);
        overview.Municipality.ShouldNotBeNullOrEmpty();
        (await gp.GetAsync($"/api/patients/{patient}/overview?days=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Capacity_CountsOpenAlertsByZone_AndLeadersMayReadIt()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        await RedAlertAsync(patient);
        var leader = await app.ClientForAsync("leader");

        var capacity = await leader.GetFromJsonAsync<GetServiceCapacity.Response>($"/api/services/{TestWorld.North}/capacity", Json.Options);

        capacity!.ActivePatients.ShouldBeGreaterThan(0);
        capacity.OpenRed.ShouldBeGreaterThanOrEqualTo(1);
        capacity.PlanningFigure.ShouldBe(80);
        capacity.WeekFrom.ShouldBeLessThanOrEqualTo(Now);
        (Now - capacity.WeekFrom).ShouldBeLessThan(TimeSpan.FromDays(7));
        var nurseSouth = await app.ClientForAsync("nurse.south");
        (await nurseSouth.GetAsync($"/api/services/{TestWorld.North}/capacity")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OutboxDispatcher_PublishesAReportsEventsToItsServicesSubscribers_Once()
    {
        var live = app.Services.GetRequiredService<LiveUpdates>();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<LiveChange>();
        var patient = await PatientAsync(app, Now.AddDays(-10));
        using var subscription = live.Subscribe(TestWorld.North, heard.Enqueue);
        using var other = live.Subscribe(TestWorld.South, _ => throw new InvalidOperationException("the other service must hear nothing"));

        var alertId = await RedAlertAsync(patient);
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.PublishBatchAsync(default) > 0)
        {
        }

        var mine = heard.Where(c => c.PatientId == patient).ToList();
        mine.ShouldContain(c => c.Type == "report.received");
        mine.ShouldContain(c => c.Type == "alert.opened" && c.AlertId == alertId);
        mine.Select(c => c.EventId).ShouldBeUnique();
        (await dispatcher.PublishBatchAsync(default)).ShouldBe(0);
    }

    [Fact]
    public async Task EveryServerNode_PublishesEveryChange_ToItsOwnScreens_Once()
    {
        await using var second = app.SecondNode();
        var nodes = new[] { app.Services, second.Services };
        var heard = nodes.Select(_ => new System.Collections.Concurrent.ConcurrentQueue<LiveChange>()).ToList();
        var subscriptions = nodes.Select((node, k) => node.GetRequiredService<LiveUpdates>().Subscribe(TestWorld.North, heard[k].Enqueue)).ToList();
        var patient = await PatientAsync(app, Now.AddDays(-10));

        var alertId = await RedAlertAsync(patient);
        foreach (var node in nodes)
        {
            while (await node.GetRequiredService<OutboxDispatcher>().PublishBatchAsync(default) > 0)
            {
            }
        }

        foreach (var changes in heard)
            changes.Count(c => c.Type == "alert.opened" && c.AlertId == alertId).ShouldBe(1);
        subscriptions.ForEach(s => s.Dispose());
    }
}

public sealed class ClinicianReadOnSqliteTests(SqliteApp app) : ClinicianReadTests(app), IClassFixture<SqliteApp>;

public sealed class ClinicianReadOnPostgresTests(PostgresApp app) : ClinicianReadTests(app), IClassFixture<PostgresApp>;
