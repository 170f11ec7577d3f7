using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Organisations;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 2: organisations through the administrator's API, each change in the audit log.</summary>
public abstract class OrganisationAdminTests(VardeApp app)
{
    [Fact]
    public async Task Organisations_AreCreatedEditedAndDeactivated_AndEachChangeIsAudited()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var tonsberg = await CreateAsync(admin, new { kind = "municipality", name = "Tønsberg kommune", municipalityNumber = "3905", organisationNumber = "921 383 681" });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var service = await CreateAsync(admin, new { kind = "follow-up-service", name = "Oppfølgingstjenesten i Vestfold",
            servedMunicipalityIds = new[] { tonsberg.Id, TestWorld.Horten } });
        service.ServedMunicipalityIds.ShouldBe([tonsberg.Id, TestWorld.Horten]);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var edited = await admin.PutAsJsonAsync($"/api/admin/organisations/{service.Id}", new
        {
            name = "Oppfølgingstjenesten i Vestfold", servedMunicipalityIds = new[] { tonsberg.Id },
        });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        (await edited.Content.ReadFromJsonAsync<OrganisationResponse>(Json.Options))!.ServedMunicipalityIds.ShouldBe([tonsberg.Id]);
        var stored = (await admin.GetFromJsonAsync<List<OrganisationResponse>>("/api/admin/organisations", Json.Options))!.Single(o => o.Id == service.Id);
        stored.ServedMunicipalityIds.ShouldBe([tonsberg.Id], "as stored, read again");

        var office = await CreateAsync(admin, new { kind = "gp-office", name = "Tønsberg legesenter", organisationNumber = "974760673" });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var deactivated = await admin.PostAsync($"/api/admin/organisations/{office.Id}/deactivate", null);
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = (await admin.GetFromJsonAsync<List<OrganisationResponse>>("/api/admin/organisations", Json.Options))!;
        list.Single(o => o.Id == office.Id).Active.ShouldBeFalse();
        (await admin.GetFromJsonAsync<List<OrganisationResponse>>("/api/admin/organisations?activeOnly=true", Json.Options))!
            .ShouldNotContain(o => o.Id == office.Id);

        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={service.Id}", Json.Options))!;
        audit.Select(e => e.Action).ShouldBe(["edited", "created"]);
        audit[0].ActorName.ShouldBe("Tor Admin");
        JsonDocument.Parse(audit[0].Before!).RootElement.GetProperty("servedMunicipalityIds").GetArrayLength().ShouldBe(2);
        JsonDocument.Parse(audit[0].After!).RootElement.GetProperty("servedMunicipalityIds").GetArrayLength().ShouldBe(1);
        var officeAudit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=organisation&entityId={office.Id}", Json.Options))!;
        officeAudit.Select(e => e.Action).ShouldBe(["deactivated", "created"]);
        officeAudit[0].After.ShouldNotBeNull().ShouldContain("deactivatedAt");
    }

    [Theory]
    [InlineData("municipality", "3803", null, "municipalityNumber")]        // Tønsberg's number before 2024
    [InlineData("municipality", "3901", null, "municipalityNumber")]        // Horten: registered already
    [InlineData("municipality", "4601", "964965227", "organisationNumber")] // check digit off by one
    [InlineData("gp-office", null, "12345678", "organisationNumber")]
    public async Task BadNumbers_AreRefusedByField(string kind, string? municipalityNumber, string? organisationNumber, string field)
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var response = await admin.PostAsJsonAsync("/api/admin/organisations", new { kind, name = "Ny", municipalityNumber, organisationNumber });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe([field]);
    }

    [Fact]
    public async Task ADeactivatedMunicipality_KeepsItsService_ButCannotBeAddedToAnother()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var bergen = await CreateAsync(admin, new { kind = "municipality", name = "Bergen", municipalityNumber = "4601" });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var service = await CreateAsync(admin, new { kind = "follow-up-service", name = "Bergen DHO", servedMunicipalityIds = new[] { bergen.Id } });

        (await admin.PostAsync($"/api/admin/organisations/{bergen.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/admin/organisations/{service.Id}", new { name = "Bergen DHO (ny)", servedMunicipalityIds = new[] { bergen.Id } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var another = await admin.PostAsJsonAsync("/api/admin/organisations", new { kind = "follow-up-service", name = "Annen", servedMunicipalityIds = new[] { bergen.Id } });
        another.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await another.Content.ReadAsStringAsync()).ShouldContain("servedMunicipalities");
        await using var db = app.Database.NewContext();
        (await db.Organisations.SingleAsync(o => o.Id == bergen.Id)).Name.ShouldBe("Bergen", "deactivated, not deleted");
    }

    [Fact]
    public async Task ANurse_Gets403OnEveryAdministrationEndpoint()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var id = TestWorld.GpOffice;

        (await nurse.GetAsync("/api/admin/organisations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync("/api/admin/organisations", new { kind = "gp-office", name = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PutAsJsonAsync($"/api/admin/organisations/{id}", new { name = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/organisations/{id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync("/api/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync($"/api/admin/staff/{TestWorld.Gp}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync("/api/admin/staff", new { name = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PutAsJsonAsync($"/api/admin/staff/{TestWorld.Gp}", new { name = "X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/staff/{TestWorld.Gp}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync("/api/admin/staff/import", new StringContent("navn;rolle", System.Text.Encoding.UTF8, "text/csv"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync("/api/admin/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/staff/{TestWorld.Gp}/setup-link", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.Database.NewContext();
        (await db.Organisations.SingleAsync(o => o.Id == id)).IsActive.ShouldBeTrue();
    }

    private static async Task<OrganisationResponse> CreateAsync(HttpClient admin, object body)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/organisations", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<OrganisationResponse>(Json.Options))!;
    }
}

public sealed class OrganisationAdminOnSqliteTests(SqliteApp app) : OrganisationAdminTests(app), IClassFixture<SqliteApp>;

public sealed class OrganisationAdminOnPostgresTests(PostgresApp app) : OrganisationAdminTests(app), IClassFixture<PostgresApp>;
