using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Microsoft.AspNetCore.Mvc;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Organisations;
using Varde.Server.Features.StaffMembers;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 3: staff invited, edited and deactivated by an administrator; the set-up link; sessions and tokens ending.</summary>
public abstract class StaffAdminTests(VardeApp app)
{
    private const string NewPassword = "Vestfold-sykepleier-2026";

    [Fact]
    public async Task AnInvitedNurse_ChoosesHerPasswordWithTheLinkOnce_AndSignsIn()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var invited = await InviteAsync(admin, new { name = "Ingrid Ny", role = "nurse", organisationId = TestWorld.North, userName = "ingrid.ny" });
        invited.SetUpLink.ShouldStartWith("/velg-passord?bruker=");
        invited.Staff.UserName.ShouldBe("ingrid.ny");
        await using (var db = app.Database.NewContext())
            (await db.Users.SingleAsync(u => u.Id == invited.Staff.Id)).PasswordHash.ShouldBeNull("the administrator never knows the password");

        (await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, "kort")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var chosen = await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, NewPassword);
        chosen.StatusCode.ShouldBe(HttpStatusCode.NoContent, await chosen.Content.ReadAsStringAsync());
        var again = await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, "Another-password-2026");
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"code\"");

        var nurse = await app.ClientForAsync("ingrid.ny", NewPassword);
        (await nurse.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={invited.Staff.Id}", Json.Options))!;
        audit.Single().Action.ShouldBe("invited");
        audit.Single().After.ShouldNotBeNull().ShouldNotContain("velg-passord");
    }

    [Fact]
    public async Task ANewLink_VoidsTheFirst_AndNoneIsMadeOnceAPasswordIsChosen()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var invited = await InviteAsync(admin, new { name = "Lena Lenke", role = "coordinator", organisationId = TestWorld.North, userName = "lena.lenke" });

        var renewed = await admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/setup-link", null);
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK, await renewed.Content.ReadAsStringAsync());
        var link = (await renewed.Content.ReadFromJsonAsync<IssueSetUpLink.Response>(Json.Options))!.SetUpLink;

        (await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the first link is void");
        (await AdminKit.ChoosePasswordAsync(app, link, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RefusedAsync(admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/setup-link", null), "id");
        (await admin.GetFromJsonAsync<GetStaffMember.Response>($"/api/admin/staff/{invited.Staff.Id}", Json.Options))!.Staff.PasswordChosen.ShouldBeTrue();
    }

    [Fact]
    public async Task HprNumbers_AreCheckedForShapeAndUniqueness_ByField()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/staff", new { name = "Lege", role = "gp", organisationId = TestWorld.GpOffice, hprNumber = "1234567", userName = "lege.ny" }), "hprNumber");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/staff", new { name = "Lege", role = "gp", organisationId = TestWorld.GpOffice, hprNumber = "12345", userName = "lege.ny" }), "hprNumber");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/staff", new { name = "Lege", role = "gp", organisationId = TestWorld.GpOffice, userName = "lege.ny" }), "hprNumber");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/staff", new { name = "Lege", role = "gp", organisationId = TestWorld.GpOffice, hprNumber = "2345678", userName = "gp" }), "userName");
        await RefusedAsync(admin.PutAsJsonAsync($"/api/admin/staff/{TestWorld.Specialist}", new { name = "Sara Spesialist", role = "specialist", organisationId = TestWorld.Hospital, hprNumber = "1234567" }), "hprNumber");

        var ok = await InviteAsync(admin, new { name = "Lege Ny", role = "gp", organisationId = TestWorld.GpOffice, hprNumber = "2345678", userName = "lege.ny" });
        ok.Staff.HprNumber.ShouldBe("2345678");
    }

    [Fact]
    public async Task AGp_ShowsThePatientsListedWithHer_AndTheLookIsInTheAccessLog()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var gp = (await admin.GetFromJsonAsync<GetStaffMember.Response>($"/api/admin/staff/{TestWorld.Gp}", Json.Options))!;

        gp.Staff.Role.ShouldBe(Role.Gp);
        gp.GpPatients.Select(p => p.Id).ShouldBe([TestWorld.PatientA]);
        await using var db = app.Database.NewContext();
        (await db.AccessLog.CountAsync(e => e.PatientId == TestWorld.PatientA && e.Action == GetStaffMember.GpListAction && e.ActorId == AdminKit.Admin.ToString()))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ADeactivatedNurse_LosesHerCookieSessionAndHerTokenAtOnce_AndCannotSignInAgain()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var invited = await InviteAsync(admin, new { name = "Per Slutter", role = "nurse", organisationId = TestWorld.North, userName = "per.slutter" });
        (await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var token = await app.ClientForAsync("per.slutter", NewPassword);
        using var browser = AdminKit.Browser(app);
        (await AdminKit.LogInAsync(browser, "per.slutter", NewPassword)).ShouldContain("Per Slutter");
        (await token.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var deactivated = await admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/deactivate", null);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK, await deactivated.Content.ReadAsStringAsync());

        (await token.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await browser.GetAsync("/worklist")).RequestMessage!.RequestUri!.AbsolutePath.ShouldBe("/login");
        (await AdminKit.LogInAsync(browser, "per.slutter", NewPassword)).ShouldContain("Feil brukernavn eller passord, eller kontoen er");
        using var client = app.CreateClient();
        (await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "per.slutter"), new("password", NewPassword)]))).IsSuccessStatusCode.ShouldBeFalse();
    }

    [Fact]
    public async Task AReactivatedNurse_SignsInAgainWithHerPassword_ButNotWhileHerOrganisationIsOutOfUse()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var west = await admin.PostAsJsonAsync("/api/admin/organisations", new { kind = "follow-up-service", name = "Vest", servedMunicipalityIds = new[] { TestWorld.Horten } });
        var westId = (await west.Content.ReadFromJsonAsync<OrganisationResponse>(Json.Options))!.Id;
        var invited = await InviteAsync(admin, new { name = "Rut Tilbake", role = "nurse", organisationId = westId, userName = "rut.tilbake" });
        (await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        (await admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"/api/admin/organisations/{westId}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var refused = await admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/reactivate", null);
        (await admin.PostAsync($"/api/admin/organisations/{westId}/reactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var reactivated = await admin.PostAsync($"/api/admin/staff/{invited.Staff.Id}/reactivate", null);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe(["organisationId"]);
        reactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reactivated.Content.ReadFromJsonAsync<StaffResponse>(Json.Options))!.Active.ShouldBeTrue();
        var token = await app.ClientForAsync("rut.tilbake", NewPassword);
        (await token.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var log = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={invited.Staff.Id}", Json.Options))!;
        log.Select(e => e.Action).ShouldBe(["reactivated", "deactivated", "invited"]);
        (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={westId}", Json.Options))!.Select(e => e.Action)
            .ShouldBe(["reactivated", "deactivated", "created"]);
        (await (await app.ClientForAsync("nurse.north")).PostAsync($"/api/admin/staff/{invited.Staff.Id}/reactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AChangedRole_EndsTheOldSessionToo()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var invited = await InviteAsync(admin, new { name = "Kim Bytter", role = "nurse", organisationId = TestWorld.North, userName = "kim.bytter" });
        (await AdminKit.ChoosePasswordAsync(app, invited.SetUpLink, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var token = await app.ClientForAsync("kim.bytter", NewPassword);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var edited = await admin.PutAsJsonAsync($"/api/admin/staff/{invited.Staff.Id}", new { name = "Kim Bytter", role = "leader", organisationId = TestWorld.North });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());

        (await token.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the token still says nurse");
        var renewed = await app.ClientForAsync("kim.bytter", NewPassword);
        (await renewed.GetAsync("/api/patients")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a leader reads no patient list");
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=staff&entityId={invited.Staff.Id}", Json.Options))!;
        var change = audit.First();
        (change.Action, JsonDocument.Parse(change.Before!).RootElement.GetProperty("role").GetString(), JsonDocument.Parse(change.After!).RootElement.GetProperty("role").GetString())
            .ShouldBe(("edited", "nurse", "leader"));
    }

    [Fact]
    public async Task AWorkPhoneForNotifications_IsOptional_CheckedAndKeptAsWritten()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var invited = await InviteAsync(admin, new { name = "Vera Vakt", role = "coordinator", organisationId = TestWorld.North, userName = "vera.vakt" });
        invited.Staff.WorkPhone.ShouldBeNull();

        await RefusedAsync(admin.PutAsJsonAsync($"/api/admin/staff/{invited.Staff.Id}",
            new { name = "Vera Vakt", role = "coordinator", organisationId = TestWorld.North, workPhone = "ring meg" }), "workPhone");
        var edited = await admin.PutAsJsonAsync($"/api/admin/staff/{invited.Staff.Id}",
            new { name = "Vera Vakt", role = "coordinator", organisationId = TestWorld.North, workPhone = " 913 00 111 " });

        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        (await edited.Content.ReadFromJsonAsync<StaffResponse>(Json.Options))!.WorkPhone.ShouldBe("913 00 111");
    }

    [Fact]
    public async Task ADeactivatedGp_KeepsHerPatients_ButCannotBeChosenForANewOne()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var gp = await InviteAsync(admin, new { name = "Gro Slutter", role = "gp", organisationId = TestWorld.GpOffice, hprNumber = "4567891", userName = "gro.slutter" });
        var nurse = await app.ClientForAsync("nurse.north");
        var existing = new { identityNumber = "13097248022", name = "Anna Pasient", municipalityId = TestWorld.Horten, gpStaffId = gp.Staff.Id };
        (await nurse.PostAsJsonAsync("/api/patients", existing)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the GP passes; the patient exists");

        (await admin.PostAsync($"/api/admin/staff/{gp.Staff.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await nurse.PostAsJsonAsync("/api/patients", existing);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("gpStaffId");
        (await admin.GetFromJsonAsync<GetStaffMember.Response>($"/api/admin/staff/{gp.Staff.Id}", Json.Options))!.Staff.Active.ShouldBeFalse();
    }

    [Fact]
    public async Task AnAdministrator_CannotDeactivateHerself()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        await RefusedAsync(admin.PostAsync($"/api/admin/staff/{AdminKit.Admin}/deactivate", null), "id");
    }

    private static async Task<InviteStaff.Response> InviteAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/staff", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<InviteStaff.Response>(Json.Options))!;
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field);
    }
}

public sealed class StaffAdminOnSqliteTests(SqliteApp app) : StaffAdminTests(app), IClassFixture<SqliteApp>;

public sealed class StaffAdminOnPostgresTests(PostgresApp app) : StaffAdminTests(app), IClassFixture<PostgresApp>;
