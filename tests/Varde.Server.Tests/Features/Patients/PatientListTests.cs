using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Patients;

/// <summary>
/// Issue 17 item 9: the patient list searched by name or identity number, filtered by pathway state, zone, municipality
/// and GP, sorted by last report and by zone. Service South is this class's own: its patients are made here, their
/// alerts by readings through the real intake.
/// </summary>
public abstract class PatientListTests(VardeApp app) : IAsyncLifetime
{
    private static readonly Guid Ase = Guid.Parse("00000000-0000-0000-0003-000000000001");
    private static readonly Guid Oystein = Guid.Parse("00000000-0000-0000-0003-000000000002");
    private static readonly Guid Per = Guid.Parse("00000000-0000-0000-0003-000000000003");
    private static readonly Guid Solvi = TestWorld.PatientSouth;

    private HttpClient _nurse = default!;

    public async Task InitializeAsync()
    {
        var now = app.Clock.GetUtcNow();
        var south = new Caller(TestWorld.NurseSouth.ToString(), Role.Nurse, TestWorld.South);
        _nurse = await app.ClientForAsync("nurse.south");
        await using (var db = app.Database.NewContext())
        {
            // xunit makes the class anew for every test; the app (and its database) is the class's, made once.
            if (await db.Patients.AnyAsync(p => p.Id == Ase))
                return;
            db.Patients.AddRange(
                Patient.Enrol(Ase, "04055040503", "Åse Ødegård", TestWorld.South, TestWorld.Skien, TestWorld.Gp, null, DiagnosisGroup.Copd, now.AddDays(-20)).Value,
                Patient.Enrol(Oystein, "03055041015", "Øystein Berg", TestWorld.South, TestWorld.Horten, null, null, DiagnosisGroup.HeartFailure, now.AddDays(-20)).Value,
                Patient.Enrol(Per, "02055041086", "Per Olsen", TestWorld.South, TestWorld.Skien, TestWorld.Gp, null, DiagnosisGroup.Diabetes, now.AddDays(-20)).Value);
            foreach (var patient in new[] { Ase, Oystein })
                db.PlanVersions.Add(TestWorld.Approved(PlanVersion.First(Guid.NewGuid(), patient, [TestWorld.Spo2], TestWorld.NurseSouth.ToString(), now.AddDays(-10)).Value));
            var assessed = Pathway.Refer(Guid.NewGuid(), Ase, "fastlege", south, now.AddDays(-15)).Value;
            assessed.StartAssessment(south, now.AddDays(-14)).ShouldBeEmpty();
            var ended = Pathway.Refer(Guid.NewGuid(), Per, "fastlege", south, now.AddDays(-15)).Value;
            ended.StartAssessment(south, now.AddDays(-14)).ShouldBeEmpty();
            ended.End(EndReason.DeclinedFurther, null, south, now.AddDays(-13)).ShouldBeEmpty();
            db.Pathways.AddRange(assessed, ended);
            await db.SaveChangesAsync();
        }

        await ReadingAsync(Ase, 85m, now.AddHours(-1));     // red
        await ReadingAsync(Oystein, 90m, now.AddDays(-3));  // yellow
        await ReadingAsync(Oystein, 89m, now.AddDays(-2));  // yellow, the newest of his
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task ReadingAsync(Guid patient, decimal spo2, DateTimeOffset at) =>
        (await _nurse.PostAsJsonAsync($"/api/patients/{patient}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = spo2, unit = "%", effectiveAt = at }))
        .StatusCode.ShouldBe(HttpStatusCode.Created);

    private async Task<List<PatientListRow>> ListAsync(string query = "") =>
        (await _nurse.GetFromJsonAsync<List<PatientListRow>>($"/api/patients{query}", Json.Options))!;

    [Fact]
    public async Task EveryRow_SaysItsPathwayZoneLastReportMunicipalityAndGp()
    {
        var rows = (await ListAsync()).ToDictionary(r => r.Id);

        rows.Keys.ShouldBe([Ase, Oystein, Per, Solvi], ignoreOrder: true);
        var now = app.Clock.GetUtcNow();
        (rows[Ase].PathwayState, rows[Ase].Zone, rows[Ase].LastReportAt, rows[Ase].MunicipalityName, rows[Ase].GpName)
            .ShouldBe((PathwayState.Assessment, TriageOutcome.Red, now.AddHours(-1), "Skien", "Gunnar Lege"));
        (rows[Oystein].PathwayState, rows[Oystein].Zone, rows[Oystein].LastReportAt, rows[Oystein].MunicipalityName, rows[Oystein].GpName)
            .ShouldBe(((PathwayState?)null, TriageOutcome.Yellow, now.AddDays(-2), "Horten", (string?)null));
        (rows[Per].PathwayState, rows[Per].Zone, rows[Per].OpenAlerts, rows[Per].LastReportAt).ShouldBe((PathwayState.Ended, (TriageOutcome?)null, 0, (DateTimeOffset?)null));
        rows[Solvi].PathwayState.ShouldBeNull();
    }

    [Theory]
    [InlineData("?q=ødegård", new[] { "Åse Ødegård" })]
    [InlineData("?q=ØYSTEIN", new[] { "Øystein Berg" })]
    [InlineData("?q=%20olsen%20", new[] { "Per Olsen" })]
    [InlineData("?q=0405", new[] { "Åse Ødegård" })]
    [InlineData("?q=0", new[] { "Åse Ødegård", "Øystein Berg", "Per Olsen" })]
    [InlineData("?q=nobody", new string[0])]
    [InlineData("?state=Ended", new[] { "Per Olsen" })]
    [InlineData("?state=assessment", new[] { "Åse Ødegård" })]
    [InlineData("?zone=red", new[] { "Åse Ødegård" })]
    [InlineData("?zone=yellow", new[] { "Øystein Berg" })]
    [InlineData("?zone=none", new[] { "Per Olsen", "Sølvi Sør" })]
    [InlineData("?municipalityId=00000000-0000-0000-0000-000000000001", new[] { "Øystein Berg" })]
    [InlineData("?gpStaffId=00000000-0000-0000-0001-000000000003", new[] { "Per Olsen", "Åse Ødegård" })]
    [InlineData("?gpStaffId=00000000-0000-0000-0001-000000000003&zone=red&q=åse", new[] { "Åse Ødegård" })]
    [InlineData("?sort=zone", new[] { "Åse Ødegård", "Øystein Berg", "Per Olsen", "Sølvi Sør" })]
    [InlineData("?sort=lastReport", new[] { "Åse Ødegård", "Øystein Berg", "Per Olsen", "Sølvi Sør" })]
    [InlineData("?sort=quiet", new[] { "Per Olsen", "Sølvi Sør", "Øystein Berg", "Åse Ødegård" })]
    public async Task SearchFilterAndSort(string query, string[] expected)
    {
        var names = (await ListAsync(query)).Select(r => r.Name).ToList();

        if (query.Contains("sort=", StringComparison.Ordinal))
            names.ShouldBe(expected);
        else
            names.ShouldBe(expected, ignoreOrder: true);
    }

    [Fact]
    public async Task ByName_InNorwegianOrder()
    {
        var names = (await ListAsync("?sort=name")).Select(r => r.Name).ToList();

        // Æ, Ø and Å come after Z in Norwegian; the server sorts by the request's culture, bokmål by default.
        names.ShouldBe(["Per Olsen", "Sølvi Sør", "Øystein Berg", "Åse Ødegård"]);
    }

    [Theory]
    [InlineData("?state=Flying", "state")]
    [InlineData("?state=3", "state")]
    [InlineData("?zone=blue", "zone")]
    [InlineData("?sort=age", "sort")]
    [InlineData("?municipalityId=Horten", "municipalityId")]
    [InlineData("?gpStaffId=1234567", "gpStaffId")]
    public async Task AWrongValue_IsRefusedByField(string query, string field)
    {
        var response = await _nurse.GetAsync($"/api/patients{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!;
        problem.Errors.Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task AnotherServicesPatients_AreNeverListed_WhateverTheSearch()
    {
        var north = await app.ClientForAsync("nurse.north");

        var rows = (await north.GetFromJsonAsync<List<PatientListRow>>("/api/patients?q=ødegård", Json.Options))!;
        var all = (await north.GetFromJsonAsync<List<PatientListRow>>("/api/patients?sort=zone", Json.Options))!;

        rows.ShouldBeEmpty();
        all.ShouldAllBe(r => r.FollowUpServiceId == TestWorld.North);
    }

    [Fact]
    public async Task AGp_SeesHerListedPatients_FromBothServices()
    {
        var gp = await app.ClientForAsync("gp");

        var rows = await gp.GetFromJsonAsync<List<PatientListRow>>("/api/patients?sort=zone", Json.Options);

        rows!.Select(r => r.Id).ShouldBe([Ase, TestWorld.PatientA, Per]);
    }
}

public sealed class PatientListOnSqliteTests(SqliteApp app) : PatientListTests(app), IClassFixture<SqliteApp>;

public sealed class PatientListOnPostgresTests(PostgresApp app) : PatientListTests(app), IClassFixture<PostgresApp>;
