using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Staff;
using Varde.Server.Features.Pathways;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Pathways;

/// <summary>
/// Issue 17 item 3, the allocation office (tildelingskontor): Horten's office sees the pathways of the patients who live in
/// Horten and makes the decision on their referrals; it takes no other step and reads no measurements.
/// </summary>
public abstract class AllocationOfficeTests(VardeApp app)
{
    private static readonly Guid Office = Guid.Parse("00000000-0000-0000-0001-0000000000b1");
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);
    private static int _next = 700;

    private async Task<HttpClient> OfficeAsync()
    {
        await using (var db = app.Database.NewContext())
        {
            if (await db.StaffMembers.FindAsync(Office) is null)
            {
                db.StaffMembers.Add(StaffMember.Create(Office, "Ingrid Tildeling", Role.AllocationOffice, TestWorld.Horten, null).Value);
                await db.SaveChangesAsync();
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
                (await users.CreateAsync(new StaffAccount { Id = Office, UserName = "tildeling.horten" }, TestWorld.Password)).Succeeded.ShouldBeTrue();
            }
        }

        return await app.ClientForAsync("tildeling.horten");
    }

    private async Task<Guid> ReferredAndAssessedAsync(Guid municipality)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var n = Interlocked.Increment(ref _next);
        string? number = null;
        for (var individual = n * 7; number is null; individual++)
            number = Varde.Domain.Patients.NorwegianIdentityNumber.WithControlDigits($"{1 + (n % 28):D2}{(n % 12) + 1:D2}45{100 + (individual % 400):D3}");
        var referred = await nurse.PostAsJsonAsync("/api/pathways", new
        {
            source = "Fastlege", newPatient = new { identityNumber = number, name = $"Tildelt Pasient {n}", municipalityId = municipality, diagnoses = new[] { "Copd" } },
        });
        referred.StatusCode.ShouldBe(HttpStatusCode.Created, await referred.Content.ReadAsStringAsync());
        var patient = (await referred.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!.PatientId;
        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/pathway/assessment", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return patient;
    }

    private object Decision() =>
        new { checklist = AllMet, accept = true, startDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(3), informationSentAt = app.Clock.GetUtcNow() };

    [Fact]
    public async Task TheOffice_DecidesOnItsMunicipalitysReferrals_AndTheDecisionIsItsInTheHistory()
    {
        var office = await OfficeAsync();
        var horten = await ReferredAndAssessedAsync(TestWorld.Horten);
        var holmestrand = await ReferredAndAssessedAsync(TestWorld.Holmestrand);

        var board = (await office.GetFromJsonAsync<ListPathways.Response>("/api/pathways", Json.Options))!;
        board.Rows.Select(r => r.PatientId).ShouldContain(horten);
        board.Rows.ShouldAllBe(r => r.MunicipalityId == TestWorld.Horten);
        board.Municipalities.Select(m => m.Id).ShouldBe([TestWorld.Horten]);

        var decided = await office.PostAsJsonAsync($"/api/patients/{horten}/pathway/decision", Decision(), Json.Options);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var pathway = (await decided.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!;
        pathway.State.ShouldBe(PathwayState.Accepted);
        var nurse = await app.ClientForAsync("nurse.north");
        var history = (await nurse.GetFromJsonAsync<PathwayResponse>($"/api/patients/{horten}/pathway", Json.Options))!.History;
        (history[^1].What, history[^1].ActorId, history[^1].ActorName).ShouldBe((PathwayStep.Decide, Office.ToString(), "Ingrid Tildeling"));

        (await office.PostAsJsonAsync($"/api/patients/{holmestrand}/pathway/decision", Decision(), Json.Options)).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await office.GetAsync($"/api/patients/{holmestrand}/pathway")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheOffice_TakesNoOtherStep_AndReadsNoMeasurementsOrPlans()
    {
        var office = await OfficeAsync();
        var patient = await ReferredAndAssessedAsync(TestWorld.Horten);

        (await office.PostAsJsonAsync($"/api/patients/{patient}/pathway/end", new { endReason = "Moved" }, Json.Options)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await office.PostAsJsonAsync("/api/pathways", new { source = "Tildeling", patientId = TestWorld.PatientA }, Json.Options)).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest);
        (await office.GetAsync($"/api/patients/{patient}/pathway")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await office.GetAsync($"/api/patients/{patient}/measurements")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await office.GetAsync($"/api/patients/{patient}/plan")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await office.GetAsync($"/api/services/{TestWorld.North}/worklist")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await office.GetAsync("/fhir/Observation?patient=" + patient)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAllocationOffice_WorksInAMunicipality()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var wrong = await admin.PostAsJsonAsync("/api/admin/staff", new { name = "Feil Plass", role = "allocation-office", organisationId = TestWorld.North, userName = "feil.plass" });
        var right = await admin.PostAsJsonAsync("/api/admin/staff", new { name = "Rett Plass", role = "allocation-office", organisationId = TestWorld.Holmestrand, userName = "rett.plass" });

        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["organisationId"]);
        right.StatusCode.ShouldBe(HttpStatusCode.Created, await right.Content.ReadAsStringAsync());
    }
}

public sealed class AllocationOfficeOnSqliteTests(SqliteApp app) : AllocationOfficeTests(app), IClassFixture<SqliteApp>;

public sealed class AllocationOfficeOnPostgresTests(PostgresApp app) : AllocationOfficeTests(app), IClassFixture<PostgresApp>;
