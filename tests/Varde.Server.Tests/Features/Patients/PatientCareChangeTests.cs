using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Staff;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Patients;

/// <summary>Issue 17 item 4: a patient's GP and departments change after enrolment, with who and when, and access follows at once.</summary>
public abstract class PatientCareChangeTests(VardeApp app)
{
    private static async Task<Guid> EnrolAsync(HttpClient nurse, string identityNumber)
    {
        var response = await nurse.PostAsJsonAsync("/api/patients", new
        {
            identityNumber, name = "Pasient Som Bytter Lege", municipalityId = TestWorld.Horten, gpStaffId = TestWorld.Gp,
            sharedWithDepartmentId = TestWorld.Hospital, diagnoses = new[] { "copd" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!.Id;
    }

    // A second GP and a second department, with a client for each (sign-in as in the test world).
    private async Task<(Guid Gp, Guid Department)> SecondGpAndDepartmentAsync(string suffix)
    {
        await using var db = app.Database.NewContext();
        var department = Organisation.HospitalDepartment(Guid.NewGuid(), $"Lungeavdelingen {suffix}", null).Value;
        db.Organisations.Add(department);
        var gp = StaffMember.Create(Guid.NewGuid(), $"Ny Fastlege {suffix}", Role.Gp, TestWorld.GpOffice, "9876001").Value;
        db.StaffMembers.Add(gp);
        await db.SaveChangesAsync();
        return (gp.Id, department.Id);
    }

    [Fact]
    public async Task ANurseChangesTheGpAndDepartments_TheHistorySaysWhoAndWhen_AndAccessFollowsAtOnce()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var oldGp = await app.ClientForAsync("gp");
        var oldSpecialist = await app.ClientForAsync("specialist");
        var patient = await EnrolAsync(nurse, "04055040260");
        var (newGp, lungs) = await SecondGpAndDepartmentAsync("a");
        (await oldGp.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await oldSpecialist.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await nurse.PutAsJsonAsync($"/api/patients/{patient}/care", new { gpStaffId = newGp, sharedWithDepartmentIds = new[] { lungs } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = (await response.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!;
        changed.GpStaffId.ShouldBe(newGp);
        changed.SharedWithDepartmentIds.ShouldBe([lungs]);
        (await oldGp.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await oldSpecialist.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await oldGp.GetFromJsonAsync<List<PatientResponse>>("/api/patients", Json.Options))!.ShouldNotContain(p => p.Id == patient);
        var history = (await nurse.GetFromJsonAsync<List<ListPatientCareChanges.Item>>($"/api/patients/{patient}/care-changes", Json.Options))!;
        history.Select(h => (h.Kind, h.FromName, h.ToName)).ShouldBe([
            (PatientCareChangeKind.GpChanged, "Gunnar Lege", "Ny Fastlege a"),
            (PatientCareChangeKind.SharingStopped, "Medisinsk avdeling", null),
            (PatientCareChangeKind.SharedWith, null, "Lungeavdelingen a"),
        ], ignoreOrder: true);
        history.ShouldAllBe(h => h.By == TestWorld.NurseNorth.ToString() && h.ByName != null && h.At == app.Clock.GetUtcNow());
        await using var db = app.Database.NewContext();
        (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == "patient.care.change" && e.Outcome == AccessOutcome.Allowed)).ShouldBe(1);
        var specialists = await db.Patients.AsNoTracking().Where(p => p.SharedWithDepartmentIds.Contains(lungs)).Select(p => p.Id).ToListAsync();
        specialists.ShouldBe([patient]);
    }

    [Fact]
    public async Task NotAGp_NotADepartment_AreRefusedByField_AndNothingChanges()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await EnrolAsync(nurse, "04055040341");

        var response = await nurse.PutAsJsonAsync($"/api/patients/{patient}/care",
            new { gpStaffId = TestWorld.NurseSouth, sharedWithDepartmentIds = new[] { TestWorld.Horten } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["gpStaffId", "sharedWithDepartmentIds"], ignoreOrder: true);
        await using var db = app.Database.NewContext();
        var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient);
        (stored.GpStaffId, stored.SharedWithDepartmentIds.Single()).ShouldBe((TestWorld.Gp, TestWorld.Hospital));
        (await db.PatientCareChanges.AnyAsync(c => c.PatientId == patient)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("nurse.south", HttpStatusCode.NotFound)]
    [InlineData("gp", HttpStatusCode.Forbidden)]
    [InlineData("specialist", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    public async Task OnlyTheServicesNursesAndCoordinators_MayChangeIt(string user, HttpStatusCode expected)
    {
        var client = await app.ClientForAsync(user);

        var response = await client.PutAsJsonAsync($"/api/patients/{TestWorld.PatientA}/care", new { gpStaffId = (Guid?)null, sharedWithDepartmentIds = Array.Empty<Guid>() });

        response.StatusCode.ShouldBe(expected);
        await using var db = app.Database.NewContext();
        (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == TestWorld.PatientA)).GpStaffId.ShouldBe(TestWorld.Gp);
    }

    [Fact]
    public async Task TheSameAgain_ChangesNothing()
    {
        var coordinator = await app.ClientForAsync("coordinator.north");
        var patient = await EnrolAsync(coordinator, "04055040422");

        var response = await coordinator.PutAsJsonAsync($"/api/patients/{patient}/care", new { gpStaffId = TestWorld.Gp, sharedWithDepartmentIds = new[] { TestWorld.Hospital } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = app.Database.NewContext();
        (await db.PatientCareChanges.AnyAsync(c => c.PatientId == patient)).ShouldBeFalse();
    }
}

public sealed class PatientCareChangeOnSqliteTests(SqliteApp app) : PatientCareChangeTests(app), IClassFixture<SqliteApp>;

public sealed class PatientCareChangeOnPostgresTests(PostgresApp app) : PatientCareChangeTests(app), IClassFixture<PostgresApp>;
