using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Patients;

public sealed class EnrolPatientTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static object Body(string identityNumber, Guid municipality) =>
        new { identityNumber, name = "Ny Pasient", municipalityId = municipality, gpStaffId = TestWorld.Gp, diagnoses = new[] { "copd", "diabetes" } };

    [Fact]
    public async Task Enrol_ValidSyntheticNumber_CreatesPatientInTheNursesService()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.PostAsJsonAsync("/api/patients", Body("10915596784", TestWorld.Horten));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var patient = (await response.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!;
        patient.FollowUpServiceId.ShouldBe(TestWorld.North);
        patient.BirthDate.ShouldBe(new DateOnly(1955, 11, 10));
        patient.Diagnoses.Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("13097248032", "control digit")]
    [InlineData("32127248022", "day")]
    [InlineData("1309724802", "11 digits")]
    public async Task Enrol_InvalidIdentityNumber_Is400WithAClearReasonAndStoresNothing(string number, string reason)
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.PostAsJsonAsync("/api/patients", Body(number, TestWorld.Horten));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        problem.Errors["identityNumber"].ShouldHaveSingleItem().ShouldContain(reason);
        await using var db = app.Database.NewContext();
        (await db.Patients.AnyAsync(p => p.IdentityNumber == number)).ShouldBeFalse();
    }

    [Fact]
    public async Task Enrol_MunicipalityNotServed_Is400()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.PostAsJsonAsync("/api/patients", Body("02013299997", TestWorld.Skien));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldContain("municipalityId");
    }

    [Fact]
    public async Task Enrol_AlreadyEnrolled_Is409()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var response = await nurse.PostAsJsonAsync("/api/patients", Body("13097248022", TestWorld.Horten));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
