using System.Net;
using System.Net.Http.Json;
using Varde.Domain.Access;
using Varde.Server.Features.BreakGlass;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.BreakGlass;

/// <summary>
/// Emergency access (issue 18 item 6) over HTTP on both databases: a reason is required, access opens for two hours and
/// closes by itself, every act under it is marked in the patient's log, and the leader of the patient's service reviews
/// the uses on her own patients only.
/// </summary>
public abstract class BreakGlassTests(VardeApp app)
{
    private const string BjarnesNumber = "29029648784";

    [Fact]
    public async Task ASpecialistOnCall_OpensEmergencyAccessWithAReason_ForTwoHours_MarkedInThePatientsLog()
    {
        var gp = await app.ClientForAsync("specialist");
        (await gp.GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var noReason = await gp.PostAsJsonAsync("/api/break-glass", new { identityNumber = BjarnesNumber, reason = "trenger" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("reason");
        (await gp.PostAsJsonAsync("/api/break-glass", new { identityNumber = "12345678901", reason = "Vikar for fastlegen, akutt" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gp.PostAsJsonAsync("/api/break-glass", new { identityNumber = "03055041015", reason = "Vikar for fastlegen, akutt" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gp.GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a refused request opens nothing");

        var opened = await gp.PostAsJsonAsync("/api/break-glass", new { identityNumber = BjarnesNumber, reason = "Vikar for fastlegen, pasienten ringte legevakt" });
        opened.StatusCode.ShouldBe(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var body = (await opened.Content.ReadFromJsonAsync<OpenBreakGlass.Response>(Json.Options))!;
        (body.PatientId, body.Opened, body.Until).ShouldBe((TestWorld.PatientB, true, app.Clock.GetUtcNow() + BreakGlassAccess.Duration));

        (await gp.GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gp.GetAsync($"/api/patients/{TestWorld.PatientB}/overview")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound, "emergency access is the specialist's own, not anyone's");

        var nurse = await app.ClientForAsync("nurse.north");
        var log = (await nurse.GetFromJsonAsync<ListAccessHistory.Page>($"/api/patients/{TestWorld.PatientB}/access-log", Json.Options))!;
        var gpLines = log.Lines.Where(l => l.ActorName == "Sara Spesialist").ToList();
        gpLines.ShouldContain(l => l.Action == "break-glass.open" && l.BreakGlass);
        gpLines.ShouldContain(l => l.WhatEn == "opened your patient page" && l.BreakGlass && !l.Refused);
        gpLines.ShouldContain(l => l.WhatEn == "opened your patient page" && l.Refused, "the refusals before it are there too");

        app.Clock.Advance(BreakGlassAccess.Duration);
        var later = await app.ClientForAsync("specialist");
        (await later.GetAsync($"/api/patients/{TestWorld.PatientB}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "two hours, then closed");
    }

    [Fact]
    public async Task NoEmergencyAccess_IsOpenedWhereNeedToKnowReaches_AndNotEveryoneMayOpenIt()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var own = await nurse.PostAsJsonAsync("/api/break-glass", new { identityNumber = "13097248022", reason = "Sjekker at jeg ser henne" });
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadFromJsonAsync<OpenBreakGlass.Response>(Json.Options))!.Opened.ShouldBeFalse();

        var leader = await app.ClientForAsync("leader");
        (await leader.PostAsJsonAsync("/api/break-glass", new { identityNumber = BjarnesNumber, reason = "Vil bare se hvordan det går" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync("/api/break-glass")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheLeader_ReviewsTheUsesOnHerServicesPatients_AndOnlyThose()
    {
        var gp = await app.ClientForAsync("gp");
        (await gp.PostAsJsonAsync("/api/break-glass", new { identityNumber = BjarnesNumber, reason = "Vikar, legevakt ringte om pasienten" })).EnsureSuccessStatusCode();
        await gp.GetAsync($"/api/patients/{TestWorld.PatientB}");
        await gp.GetAsync($"/api/patients/{TestWorld.PatientB}/overview");
        var south = await (await app.ClientForAsync("nurse.north")).PostAsJsonAsync("/api/break-glass",
            new { identityNumber = "53097248016", reason = "Pasienten fra Sør er på besøk hos oss" });
        south.StatusCode.ShouldBe(HttpStatusCode.Created);

        var leader = await app.ClientForAsync("leader");
        var uses = (await leader.GetFromJsonAsync<List<ListBreakGlass.Use>>("/api/break-glass", Json.Options))!;

        var use = uses.Single(u => u.StaffName == "Gunnar Lege");
        (use.PatientName, use.StaffRole, use.Reason, use.Open, use.Review).ShouldBe(("Bjarne Pasient", Role.Gp, "Vikar, legevakt ringte om pasienten", true, (ListBreakGlass.Review?)null));
        use.Acts.ShouldBeGreaterThanOrEqualTo(3);
        uses.ShouldNotContain(u => u.PatientName == "Sølvi Sør", "the South service's leader reviews that one");

        (await leader.PostAsJsonAsync($"/api/break-glass/{use.Id}/review", new { note = " " })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await leader.PostAsJsonAsync($"/api/break-glass/{use.Id}/review", new { note = "Begrunnet: vikar for fastlegen" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var southUse = Guid.Empty;
        await using (var db = app.Database.NewContext())
            southUse = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.BreakGlassAccesses, b => b.PatientId == TestWorld.PatientSouth)).Id;
        (await leader.PostAsJsonAsync($"/api/break-glass/{southUse}/review", new { note = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = (await leader.GetFromJsonAsync<List<ListBreakGlass.Use>>("/api/break-glass", Json.Options))!.Single(u => u.Id == use.Id);
        (after.Review!.ByName, after.Review.Note).ShouldBe(("Lise Leder", "Begrunnet: vikar for fastlegen"));
    }
}

public sealed class BreakGlassOnSqliteTests(SqliteApp app) : BreakGlassTests(app), IClassFixture<SqliteApp>;

public sealed class BreakGlassOnPostgresTests(PostgresApp app) : BreakGlassTests(app), IClassFixture<PostgresApp>;
