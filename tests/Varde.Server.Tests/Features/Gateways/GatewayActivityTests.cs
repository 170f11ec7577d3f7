using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Data;
using Varde.Server.Features.Gateways;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Gateways;

/// <summary>
/// Issue 17 item 5: what each gateway sent lately (reports in the last day and week, the last report, the last refusal
/// and its reason), counted in memory and stored without a write per report, so a silent gateway shows (ADR 0024).
/// </summary>
public abstract class GatewayActivityTests(VardeApp app)
{
    [Fact]
    public async Task TheList_CountsReportsAndRefusals_WithTheLastReason_AndShowsASilentGateway()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.activity");
        var gateway = await GatewayKit.ClientAsync(app, "hub.activity", registered.Secret!);
        var first = GatewayKit.Reading(app);

        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", first)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements", first)).StatusCode.ShouldBe(HttpStatusCode.OK, "a resend is received too");
        (await GatewayKit.SendAsync(gateway, app, TestWorld.PatientA)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.SendAsync(gateway, app, TestWorld.PatientSouth)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var silent = await GatewayKit.OneAsync(admin, TestWorld.GatewayId);

        var shown = await GatewayKit.OneAsync(admin, registered.Gateway.Id);

        (shown.Activity.ReceivedLastDay, shown.Activity.ReceivedLastWeek, shown.Activity.RefusedLastDay).ShouldBe((3, 3, 1));
        shown.Activity.LastReceivedAt.ShouldBe(app.Clock.GetUtcNow());
        shown.Activity.LastError.ShouldBe("patient-not-found: subject");
        shown.Activity.Silent.ShouldBeFalse();
        silent.Activity.LastReceivedAt.ShouldBeNull();
        silent.Activity.Silent.ShouldBeFalse("registered less than a day ago");

        var invalid = await gateway.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "pulse", unit = "/min", effectiveAt = app.Clock.GetUtcNow() });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await GatewayKit.OneAsync(admin, registered.Gateway.Id)).Activity.LastError.ShouldBe("invalid: value");
        using var broken = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        (await gateway.PostAsync($"/api/patients/{TestWorld.PatientB}/measurements", broken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var edge = await GatewayKit.OneAsync(admin, registered.Gateway.Id);
        edge.Activity.LastError.ShouldBe("400 POST /api/patients/{patientId:guid}/measurements", "refused before intake: the status and the endpoint");
        edge.Activity.RefusedLastDay.ShouldBe(3);
        edge.Activity.LastError!.ShouldNotContain(TestWorld.PatientB.ToString());

        app.Clock.Advance(TimeSpan.FromHours(25));
        admin = await AdminKit.AdminClientAsync(app);
        var dayLater = await GatewayKit.OneAsync(admin, registered.Gateway.Id);

        (dayLater.Activity.ReceivedLastDay, dayLater.Activity.ReceivedLastWeek, dayLater.Activity.RefusedLastDay).ShouldBe((0, 3, 0));
        dayLater.Activity.Silent.ShouldBeTrue();
        (await GatewayKit.OneAsync(admin, TestWorld.GatewayId)).Activity.Silent.ShouldBeTrue("in use for a day, and never sent anything");
        dayLater.Activity.LastError.ShouldBe(edge.Activity.LastError);
    }

    [Fact]
    public async Task AFhirBundle_CountsEachReport()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.fhir");
        var gateway = await GatewayKit.ClientAsync(app, "hub.fhir", registered.Secret!);
        var at = app.Clock.GetUtcNow();

        await FhirReadings.PostBundleAsync(gateway, Hl7.Fhir.Model.Bundle.BundleType.Transaction,
        [
            FhirReadings.Entry(FhirReadings.Reading(TestWorld.PatientB, "8867-4", 72m, "/min", at, "fhir-a-" + Guid.NewGuid())),
            FhirReadings.Entry(FhirReadings.Reading(TestWorld.PatientB, "8867-4", 74m, "/min", at, "fhir-b-" + Guid.NewGuid())),
        ]);

        (await GatewayKit.OneAsync(admin, registered.Gateway.Id)).Activity.ReceivedLastDay.ShouldBe(2);
    }

    [Fact]
    public async Task TwoNodes_AddTheirCounts_NeitherOverwritesTheOther()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var registered = await GatewayKit.RegisterAsync(admin, "hub.nodes");
        await using var second = app.SecondNode();
        var onFirst = await GatewayKit.ClientAsync(app, "hub.nodes", registered.Secret!);
        var onSecond = await GatewayKit.ClientAsync(second, "hub.nodes", registered.Secret!);

        (await GatewayKit.SendAsync(onFirst, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.SendAsync(onSecond, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.SendAsync(onSecond, app)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await GatewayKit.OneAsync(admin, registered.Gateway.Id)).Activity.ReceivedLastDay.ShouldBe(1, "the second node has not stored its count yet");
        await using (var scope = second.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GatewayActivityFlush>().FlushAsync(default);

        (await GatewayKit.OneAsync(admin, registered.Gateway.Id)).Activity.ReceivedLastDay.ShouldBe(3);
        await using var db = app.Database.NewContext();
        (await db.GatewayActivity.Where(a => a.ClientId == "hub.nodes").SumAsync(a => a.Received)).ShouldBe(3);
    }

    [Fact]
    public async Task Pruning_KeepsEightDays_AndEachGatewaysNewestHour()
    {
        var now = app.Clock.GetUtcNow();
        var hour = GatewayActivity.HourStart(now);
        await using (var db = app.Database.NewContext())
        {
            db.GatewayActivity.AddRange(
                Hour("prune-a", hour.AddDays(-10)), Hour("prune-a", hour.AddDays(-9)), Hour("prune-a", hour.AddDays(-1)),
                Hour("prune-b", hour.AddDays(-10)), Hour("prune-b", hour.AddDays(-9)));
            await db.SaveChangesAsync();
        }

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GatewayActivityFlush>().PruneAsync(default);

        await using var check = app.Database.NewContext();
        var kept = await check.GatewayActivity.Where(a => a.ClientId.StartsWith("prune-")).OrderBy(a => a.ClientId).ThenBy(a => a.Hour)
            .Select(a => new { a.ClientId, a.Hour }).ToListAsync();
        kept.Select(k => (k.ClientId, k.Hour)).ShouldBe([("prune-a", hour.AddDays(-1)), ("prune-b", hour.AddDays(-9))]);
    }

    private static GatewayActivityHour Hour(string clientId, DateTimeOffset hour) =>
        new() { ClientId = clientId, Hour = hour, Received = 1, LastReceivedAt = hour.AddMinutes(5) };
}

public sealed class GatewayActivityOnSqliteTests(SqliteApp app) : GatewayActivityTests(app), IClassFixture<SqliteApp>;

public sealed class GatewayActivityOnPostgresTests(PostgresApp app) : GatewayActivityTests(app), IClassFixture<PostgresApp>;
