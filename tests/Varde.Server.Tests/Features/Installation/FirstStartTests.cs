using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Server.Features.Installation;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Installation;

/// <summary>Issue 17, item 1: a new installation without demo data is set up with the one-time code printed at start.</summary>
public abstract class FirstStartTests(VardeApp app)
{
    private static object Body(string? code, string municipalityNumber = "3903", string password = "Vestfold-oppsett-2026") => new
    {
        code, municipalityName = "Horten", municipalityNumber, serviceName = "Oppfølgingstjenesten i Horten", adminName = "Tor Vik",
        userName = "tor.vik", password,
    };

    [Fact]
    public async Task ANewInstallation_IsSetUpOnceWithThePrintedCode_AndItsAdministratorCanSignIn()
    {
        var first = app.Services.GetRequiredService<FirstStart>();
        var code = first.PendingCode.ShouldNotBeNull("no administrator: a code is printed at start");
        code.ShouldMatch("^[0-9]{4}-[0-9]{4}$");
        var client = app.CreateClient();
        WebUtility.HtmlDecode(await client.GetStringAsync("/login")).ShouldContain("Varde er ikke satt opp ennå.");

        // Bad fields are named, and the code is not used up by them.
        var notOfficial = await client.PostAsJsonAsync("/api/installation/setup", Body(code, municipalityNumber: "3803"));
        notOfficial.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notOfficial.Content.ReadAsStringAsync()).ShouldContain("not one of the 2024 municipality numbers");
        var bad = await client.PostAsJsonAsync("/api/installation/setup", Body(code, municipalityNumber: "39", password: "kort"));
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("\"municipalityNumber\"");
        problem.ShouldContain("\"password\"");
        first.PendingCode.ShouldBe(code);

        // A wrong code is refused as such.
        var wrong = await client.PostAsJsonAsync("/api/installation/setup", Body(code.StartsWith('1') ? "2222-2222" : "1111-1111"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("\"code\"");

        var created = await client.PostAsJsonAsync("/api/installation/setup", Body(code.Replace("-", " ")));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = (await created.Content.ReadFromJsonAsync<SetUpInstallation.Response>(Json.Options))!;
        first.PendingCode.ShouldBeNull();

        await using (var db = app.Database.NewContext())
        {
            var service = await db.Organisations.SingleAsync(o => o.Id == body.ServiceId);
            (service.Kind, service.Name).ShouldBe((OrganisationKind.FollowUpService, "Oppfølgingstjenesten i Horten"));
            service.ServedMunicipalityIds.ShouldBe([body.MunicipalityId]);
            (await db.Organisations.SingleAsync(o => o.Id == body.MunicipalityId)).MunicipalityNumber.ShouldBe("3903");
            var admin = await db.StaffMembers.SingleAsync(s => s.Id == body.AdministratorId);
            (admin.Role, admin.OrganisationId, admin.Name).ShouldBe((Role.Administrator, body.ServiceId, "Tor Vik"));
            (await db.AdminAudit.Where(e => e.Action == "setup").Select(e => e.EntityId).ToListAsync())
                .ShouldBe([body.MunicipalityId, body.ServiceId, body.AdministratorId], ignoreOrder: true);
        }

        using var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "tor.vik"), new("password", "Vestfold-oppsett-2026")]));
        token.StatusCode.ShouldBe(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());

        // Once set up, never again: not with the old code, not with a guess.
        (await client.PostAsJsonAsync("/api/installation/setup", Body(code))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        WebUtility.HtmlDecode(await client.GetStringAsync("/oppsett")).ShouldContain("Varde er allerede satt opp.");
        WebUtility.HtmlDecode(await client.GetStringAsync("/login")).ShouldNotContain("Varde er ikke satt opp ennå.");
    }
}

public sealed class FirstStartOnSqliteTests(EmptySqliteApp app) : FirstStartTests(app), IClassFixture<EmptySqliteApp>;

public sealed class FirstStartOnPostgresTests(EmptyPostgresApp app) : FirstStartTests(app), IClassFixture<EmptyPostgresApp>;

/// <summary>With an administrator, no code is made and the set-up answers 409.</summary>
public sealed class FirstStartWhenSetUpTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task AnInstallationWithAnAdministrator_CannotBeSetUpAgain()
    {
        await using (var db = app.Database.NewContext())
        {
            db.StaffMembers.Add(Varde.Domain.Staff.StaffMember.Create(Guid.NewGuid(), "Admin", Role.Administrator, TestWorld.North, null).Value);
            await db.SaveChangesAsync();
        }

        await FirstStart.PrepareAsync(app.Services);
        app.Services.GetRequiredService<FirstStart>().PendingCode.ShouldBeNull();
        var response = await app.CreateClient().PostAsJsonAsync("/api/installation/setup", new { code = "1234-5678", municipalityName = "Horten",
            municipalityNumber = "3903", serviceName = "Ny tjeneste", adminName = "Ola", userName = "ola", password = "Vestfold-oppsett-2026" });
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}

public sealed class FirstStartCodeTests
{
    [Fact]
    public void TheCode_IsVoidAfterTenWrongOnes_SoItCannotBeGuessedByTrying()
    {
        var first = new FirstStart();
        var code = first.Issue();

        for (var i = 0; i < FirstStart.MaxWrongCodes - 1; i++)
            first.TryUse(Wrong(code, i)).ShouldBeFalse();
        first.Pending.ShouldBeTrue();
        first.TryUse(Wrong(code, 99)).ShouldBeFalse();

        first.Pending.ShouldBeFalse();
        first.TryUse(code).ShouldBeFalse("void: a restart prints a new code");
        first.Issue().ShouldMatch("^[0-9]{4}-[0-9]{4}$");
        first.Pending.ShouldBeTrue();
    }

    [Fact]
    public void TheRightCode_WorksOnce()
    {
        var first = new FirstStart();
        var code = first.Issue();
        first.TryUse(code.Replace("-", " ")).ShouldBeTrue();
        first.TryUse(code).ShouldBeFalse();
    }

    private static string Wrong(string code, int n) => code == $"{n:D4}-0000" ? $"{n:D4}-0001" : $"{n:D4}-0000";
}
