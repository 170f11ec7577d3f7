using System.Net;
using System.Net.Http.Json;
using Varde.Server.Features.Audit;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 8: the administrative audit log, searched by entity, by person and by period; nothing of it in the application log.</summary>
public abstract class AuditAdminTests(VardeApp app)
{
    [Fact]
    public async Task TheLog_IsSearchedByEntityPersonAndPeriod()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var start = app.Clock.GetUtcNow();
        var first = await CreateOfficeAsync(admin, "Første legekontor");
        app.Clock.Advance(TimeSpan.FromHours(2));
        admin = await AdminKit.AdminClientAsync(app);
        var second = await CreateOfficeAsync(admin, "Andre legekontor");
        var middle = start.AddHours(1);

        var all = await SearchAsync(admin, $"actorId={AdminKit.Admin}&from={Q(start)}");
        all.Select(e => e.EntityId).ShouldBe([second, first]);
        (await SearchAsync(admin, $"from={Q(start)}&to={Q(middle)}")).Select(e => e.EntityId).ShouldBe([first]);
        (await SearchAsync(admin, $"from={Q(middle)}")).Select(e => e.EntityId).ShouldBe([second]);
        (await SearchAsync(admin, $"entityKind=organisation&entityId={second}")).Single().Action.ShouldBe("created");
        (await SearchAsync(admin, $"actorId={TestWorld.NurseNorth}")).ShouldBeEmpty();
        (await SearchAsync(admin, "entityKind=staff&entityId=" + first)).ShouldBeEmpty();
        string.Join("\n", app.Logs.Lines).ShouldNotContain("Andre legekontor", customMessage: "administrative changes are not in the application log");
    }

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<SearchAudit.Entry>> SearchAsync(HttpClient admin, string query) =>
        (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>("/api/admin/audit?" + query, Json.Options))!;

    private static async Task<Guid> CreateOfficeAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/organisations", new { kind = "gp-office", name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<Varde.Server.Features.Organisations.OrganisationResponse>(Json.Options))!.Id;
    }
}

public sealed class AuditAdminOnSqliteTests(SqliteApp app) : AuditAdminTests(app), IClassFixture<SqliteApp>;

public sealed class AuditAdminOnPostgresTests(PostgresApp app) : AuditAdminTests(app), IClassFixture<PostgresApp>;
