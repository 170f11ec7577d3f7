using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Varde.Server.Features.Audit;
using Varde.Server.Features.StaffMembers;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 3: bulk import of staff from CSV, a dry run that names every row's problem, and an all-or-nothing real run.</summary>
public abstract class StaffImportAdminTests(VardeApp app)
{
    private const string Good = """
        navn;rolle;organisasjon;hpr;brukernavn
        Hanne Hagen;sykepleier;Nord;;hanne.hagen
        "Lege, Lars";fastlege;Legesenteret;3456789;lars.lege
        """;

    private const string Bad = """
        navn;rolle;organisasjon;hpr;brukernavn
        Hanne Hagen;sykepleier;Nord;;hanne.h
        ;fastlege;Legesenteret;;x
        Ola Ukjent;vaktmester;Finnes ikke;1234567;ola.ukjent
        Kari Kopi;koordinator;Nord;;hanne.h
        """;

    [Fact]
    public async Task ADryRun_ReportsEveryRowsProblem_AndWritesNothing()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var before = await CountStaffAsync();

        var report = await ImportAsync(admin, Bad, dryRun: true, HttpStatusCode.OK);

        report.Rows.ShouldBe(4);
        report.Written.ShouldBeFalse();
        report.Problems.Select(p => (p.Row, p.Field)).ShouldBe(
        [
            (3, "name"), (3, "hprNumber"), (3, "userName"),
            (4, "role"), (4, "organisationId"), (4, "hprNumber"),
            (5, "userName"),
        ], ignoreOrder: true);
        report.Problems.Single(p => p.Row == 4 && p.Field == "hprNumber").Message.ShouldContain("another staff member");
        (await CountStaffAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task TheRealRun_WithAnyProblem_WritesNoRowAtAll()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var before = await CountStaffAsync();

        var report = await ImportAsync(admin, Bad, dryRun: false, HttpStatusCode.UnprocessableEntity);

        report.Problems.ShouldNotBeEmpty();
        (await CountStaffAsync()).ShouldBe(before, "row 2 was fine but is not written alone");
    }

    [Fact]
    public async Task AGoodFile_IsWrittenWhole_WithASetUpLinkForEachAndAnAuditEntryForEach()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        (await ImportAsync(admin, Good, dryRun: true, HttpStatusCode.OK)).Problems.ShouldBeEmpty();

        var report = await ImportAsync(admin, Good, dryRun: false, HttpStatusCode.OK);

        report.Written.ShouldBeTrue();
        report.Invited.Select(i => (i.Row, i.Name, i.UserName)).ShouldBe([(2, "Hanne Hagen", "hanne.hagen"), (3, "Lege, Lars", "lars.lege")]);
        (await AdminKit.ChoosePasswordAsync(app, report.Invited[1].SetUpLink, "Lege-passord-2026")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var db = app.Database.NewContext();
        (await db.StaffMembers.SingleAsync(s => s.Id == report.Invited[1].Id)).HprNumber.ShouldBe("3456789");
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?actorId={AdminKit.Admin}&entityKind=staff", Json.Options))!;
        audit.Where(e => e.Action == "imported").Select(e => e.EntityId).ShouldBe(report.Invited.Select(i => i.Id), ignoreOrder: true);
        (await ImportAsync(admin, Good, dryRun: true, HttpStatusCode.OK)).Problems.Select(p => p.Field).ShouldBe(["hprNumber", "userName", "userName"], ignoreOrder: true);
    }

    [Fact]
    public async Task AFileWithoutTheColumns_IsRefusedAtTheHeader()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var report = await ImportAsync(admin, "fornavn,etternavn\nOla,Nordmann", dryRun: true, HttpStatusCode.OK);

        report.Problems.Single().ShouldBe(new ImportStaff.Problem(1, "header", report.Problems[0].Message));
    }

    private async Task<int> CountStaffAsync()
    {
        await using var db = app.Database.NewContext();
        return await db.StaffMembers.CountAsync();
    }

    private static async Task<ImportStaff.Report> ImportAsync(HttpClient admin, string csv, bool dryRun, HttpStatusCode expected)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await admin.PostAsync($"/api/admin/staff/import?dryRun={(dryRun ? "true" : "false")}", content);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ImportStaff.Report>(Json.Options))!;
    }
}

public sealed class StaffImportAdminOnSqliteTests(SqliteApp app) : StaffImportAdminTests(app), IClassFixture<SqliteApp>;

public sealed class StaffImportAdminOnPostgresTests(PostgresApp app) : StaffImportAdminTests(app), IClassFixture<PostgresApp>;
