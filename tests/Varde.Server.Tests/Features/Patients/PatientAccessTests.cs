using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Patients;

public abstract class PatientAccessTests(VardeApp app)
{
    [Fact]
    public async Task GetPatient_NurseOfAnotherService_Gets404AndBothAccessesAreLogged()
    {
        var north = await app.ClientForAsync("nurse.north");
        var south = await app.ClientForAsync("nurse.south");

        var allowed = await north.GetAsync($"/api/patients/{TestWorld.PatientA}");
        var denied = await south.GetAsync($"/api/patients/{TestWorld.PatientA}");

        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await denied.Content.ReadFromJsonAsync<ProblemDetails>())!.Type.ShouldEndWith("patient-not-found");
        await using var db = app.Database.NewContext();
        var log = await db.AccessLog.Where(e => e.PatientId == TestWorld.PatientA && e.Action == "patient.read").ToListAsync();
        log.ShouldContain(e => e.ActorId == TestWorld.NurseNorth.ToString() && e.Outcome == AccessOutcome.Allowed
            && e.ActorRole == Role.Nurse && e.ActorOrganisationId == TestWorld.North);
        log.ShouldContain(e => e.ActorId == TestWorld.NurseSouth.ToString() && e.Outcome == AccessOutcome.Denied
            && e.ActorOrganisationId == TestWorld.South);
    }

    [Fact]
    public async Task RecordMeasurement_NurseOfAnotherService_Gets404StoresNothingAndIsLogged()
    {
        var south = await app.ClientForAsync("nurse.south");

        var response = await south.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", new
        {
            clientId = "intruder-1", type = "pulse", value = 70m, unit = "/min", effectiveAt = app.Clock.GetUtcNow(),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = app.Database.NewContext();
        (await db.Measurements.AnyAsync(m => m.ClientId == "intruder-1")).ShouldBeFalse();
        (await db.AccessLog.AnyAsync(e => e.ActorId == TestWorld.NurseSouth.ToString() && e.Action == "measurement.record"
            && e.Outcome == AccessOutcome.Denied)).ShouldBeTrue();
    }

    [Fact]
    public async Task GetPatient_UnknownPatient_Is404AndLoggedAsDenied()
    {
        var north = await app.ClientForAsync("nurse.north");
        var unknown = Guid.NewGuid();

        (await north.GetAsync($"/api/patients/{unknown}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var db = app.Database.NewContext();
        (await db.AccessLog.SingleAsync(e => e.PatientId == unknown)).Outcome.ShouldBe(AccessOutcome.Denied);
    }

    [Theory]
    [InlineData("gp", true)]
    [InlineData("specialist", true)]
    public async Task GetPatient_ListedGpAndSharedSpecialist_AreAllowed(string user, bool allowed)
    {
        var client = await app.ClientForAsync(user);

        var response = await client.GetAsync($"/api/patients/{TestWorld.PatientA}");

        (response.StatusCode == HttpStatusCode.OK).ShouldBe(allowed);
        (await client.GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListPatients_ShowsOnlyTheCallersServiceAndLogsEachPatientShown()
    {
        var north = await app.ClientForAsync("nurse.north");

        var patients = await north.GetFromJsonAsync<List<PatientResponse>>("/api/patients", Json.Options);

        patients!.Select(p => p.Id).ShouldBe([TestWorld.PatientA, TestWorld.PatientB], ignoreOrder: true);
        await using var db = app.Database.NewContext();
        (await db.AccessLog.CountAsync(e => e.Action == "patient.list" && e.PatientId == TestWorld.PatientB)).ShouldBeGreaterThan(0);
        (await db.AccessLog.AnyAsync(e => e.Action == "patient.list" && e.PatientId == TestWorld.PatientSouth)).ShouldBeFalse();
    }

    [Fact]
    public async Task PatientData_Leader_IsForbidden()
    {
        var leader = await app.ClientForAsync("leader");

        (await leader.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PatientData_NoToken_Is401()
    {
        using var anonymous = app.CreateClient();

        (await anonymous.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PatientData_ForgedToken_Is401()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        (await client.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class PatientAccessOnSqliteTests(SqliteApp app) : PatientAccessTests(app), IClassFixture<SqliteApp>;

public sealed class PatientAccessOnPostgresTests(PostgresApp app) : PatientAccessTests(app), IClassFixture<PostgresApp>;
