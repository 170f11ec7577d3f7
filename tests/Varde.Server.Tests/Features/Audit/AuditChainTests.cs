using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Access;
using Varde.Server.Features.Audit;
using Varde.Server.Operations;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Audit;

/// <summary>
/// Issue 22 item 4: the audit logs are sealed into hash chains, <c>varde audit verify</c> names a forged (backdated,
/// inserted) row and an edited row (after the triggers were disabled), entries name the request, and a request refused
/// by policy is in the access log.
/// </summary>
public abstract class AuditChainTests(VardeApp app)
{
    private async Task<IReadOnlyList<AuditChainHead>> SealAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SealAuditLogs>().SealUpToAsync(app.Clock.GetUtcNow().AddHours(1), default);
    }

    private async Task<AuditChainReport> VerifyAsync(params AuditChainHead[] heads)
    {
        await using var db = app.Database.NewContext();
        return await new VerifyAuditChain(db).RunAsync(heads, default);
    }

    private async Task<(int Code, string Output)> CommandAsync(params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = app.Provider.ToString(),
            ["ConnectionStrings:varde"] = app.Database.ConnectionString,
        }).Build();
        using var output = new StringWriter();
        var code = await AuditCommand.RunAsync(args, config, output);
        return (code, output.ToString());
    }

    protected abstract string DisableAccessLogTriggerSql { get; }

    [Fact]
    public async Task ARequestRefusedByPolicy_IsInTheAccessLog_AndEveryEntryNamesItsRequest()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.GetAsync("/api/admin/organisations?name=Nord")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var db = app.Database.NewContext();
        var denied = await db.AccessLog.SingleAsync(e => e.Action == AccessLogEntry.PolicyDeniedAction && e.ActorId == TestWorld.NurseNorth.ToString());
        denied.Outcome.ShouldBe(AccessOutcome.Denied);
        denied.PatientId.ShouldBeNull();
        denied.ActorRole.ShouldBe(Role.Nurse);
        denied.Request.ShouldBe("GET /api/admin/organisations?name=Nord");
        var read = await db.AccessLog.Where(e => e.Action == "patient.read" && e.PatientId == TestWorld.PatientA).OrderBy(e => e.At).LastAsync();
        read.Request.ShouldBe($"GET /api/patients/{TestWorld.PatientA}");

        // Intake's writers take in many requests on their own threads: each entry still names its own request.
        var posts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => nurse.PostAsJsonAsync($"/api/patients/{(i % 2 == 0 ? TestWorld.PatientA : TestWorld.PatientB)}/measurements",
            new { clientId = $"audit-request-{i}", type = "pulse", value = 60 + i, unit = "/min", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-1) })));
        posts.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var recorded = await db.AccessLog.Where(e => e.Action == "measurement.record" && e.ActorId == TestWorld.NurseNorth.ToString()).ToListAsync();
        recorded.ShouldContain(e => e.PatientId == TestWorld.PatientA && e.Request == $"POST /api/patients/{TestWorld.PatientA}/measurements");
        recorded.ShouldContain(e => e.PatientId == TestWorld.PatientB && e.Request == $"POST /api/patients/{TestWorld.PatientB}/measurements");
        recorded.ShouldAllBe(e => e.Request == $"POST /api/patients/{e.PatientId}/measurements");

        // Not signed in: 401, and nobody to name.
        (await app.CreateClient().GetAsync("/api/admin/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await db.AccessLog.CountAsync(e => e.Action == AccessLogEntry.PolicyDeniedAction)).ShouldBe(1);
    }

    [Fact]
    public async Task VerifyFindsAForgedRowAndAnEditedRow_AndNamesThem_WhileTheHeadKeptOutsideStillHolds()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var firstHeads = await SealAsync();
        var accessHead = firstHeads.Single(h => h.Log == AuditLogs.Access);
        await using (var db = app.Database.NewContext())
        {
            accessHead.Seq.ShouldBe(await db.AccessLog.CountAsync());
            (await db.AuditSeals.CountAsync(s => s.Log == AuditLogs.Admin)).ShouldBe(await db.AdminAudit.CountAsync());
        }

        var intact = await VerifyAsync(accessHead);
        intact.Intact.ShouldBeTrue(string.Join("; ", intact.Logs.SelectMany(l => l.HeadsNotMet)));
        intact.Logs.Single(l => l.Log == AuditLogs.Access).Head.ShouldBe(accessHead);

        // New entries are sealed by the next run, on the same chain.
        (await nurse.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondHead = (await SealAsync()).Single(h => h.Log == AuditLogs.Access);
        secondHead.Seq.ShouldBeGreaterThan(accessHead.Seq);
        (await CommandAsync("audit", "verify", "--head", accessHead.ToString(), "--head", secondHead.ToString())).Code.ShouldBe(0);

        // The seals are append-only.
        await using (var db = app.Database.NewContext())
            await Should.ThrowAsync<Exception>(() => db.AuditSeals.Where(s => s.Seq == 1).ExecuteDeleteAsync());

        // A forged row, backdated to an hour ago: inserts are allowed, but its time is sealed.
        var forged = Guid.CreateVersion7();
        Guid edited;
        await using (var db = app.Database.NewContext())
        {
            db.AccessLog.Add(AccessLogEntry.Create(forged, new Caller(TestWorld.NurseNorth.ToString(), Role.Nurse, TestWorld.North), TestWorld.PatientB,
                "patient.read", AccessOutcome.Allowed, app.Clock.GetUtcNow().AddHours(-1), null, $"GET /api/patients/{TestWorld.PatientB}"));
            await db.SaveChangesAsync();

            // An edited row: the trigger disabled as the tables' owner could, then a denied read made to look allowed.
            edited = await db.AccessLog.Where(e => e.Action == "patient.read" && e.Id != forged).OrderBy(e => e.At).Select(e => e.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync(DisableAccessLogTriggerSql);
            (await db.AccessLog.Where(e => e.Id == edited).ExecuteUpdateAsync(s => s.SetProperty(e => e.Action, "patient.list"))).ShouldBe(1);
            (await db.AccessLog.AsNoTracking().SingleAsync(e => e.Id == edited)).Action.ShouldBe("patient.list");
            (await db.AuditSeals.CountAsync(s => s.EntryId == edited)).ShouldBe(1);
        }

        (await SealAsync()).ShouldNotContain(h => h.Log == AuditLogs.Access); // the forged row's time is sealed: it is not taken in
        var report = (await VerifyAsync(secondHead)).Logs.Single(l => l.Log == AuditLogs.Access);
        report.Intact.ShouldBeFalse();
        report.UnsealedCount.ShouldBe(1);
        report.Unsealed.ShouldBe([forged]);
        report.BrokenCount.ShouldBe(1);
        report.Broken.Single().EntryId.ShouldBe(edited);
        report.HeadsNotMet.ShouldBeEmpty(); // only the edited link breaks: the seals themselves were not touched

        var (code, output) = await CommandAsync("audit", "verify", "--head", secondHead.ToString());
        code.ShouldBe(2, output);
        output.ShouldContain(forged.ToString());
        output.ShouldContain(edited.ToString());
        output.ShouldContain("NOT intact");

        // A backdated entry with a correctly computed link added to the chain's end, by someone who may write seals:
        // the chain goes back in time there.
        var sealedByHand = Guid.CreateVersion7();
        await using (var db = app.Database.NewContext())
        {
            db.AccessLog.Add(AccessLogEntry.Create(sealedByHand, new Caller(TestWorld.NurseNorth.ToString(), Role.Nurse, TestWorld.North), TestWorld.PatientB,
                "patient.read", AccessOutcome.Allowed, app.Clock.GetUtcNow().AddHours(-2), null, $"GET /api/patients/{TestWorld.PatientB}"));
            await db.SaveChangesAsync();
            var stored = await db.AccessLog.AsNoTracking().SingleAsync(e => e.Id == sealedByHand);
            var end = await db.AuditSeals.Where(s => s.Log == AuditLogs.Access).OrderByDescending(s => s.Seq).FirstAsync();
            db.AuditSeals.Add(AuditSeal.Create(AuditLogs.Access, end.Seq + 1, stored.Id, stored.At, AuditChain.Link(end.Hash, AuditLogs.Access, stored.ChainFields()), stored.At));
            await db.SaveChangesAsync();
        }

        var afterHand = (await VerifyAsync()).Logs.Single(l => l.Log == AuditLogs.Access);
        afterHand.BrokenCount.ShouldBe(2);
        afterHand.Broken[^1].EntryId.ShouldBe(sealedByHand);
        afterHand.Broken[^1].What.ShouldContain("by hand");

        var wrong = new AuditChainHead(AuditLogs.Access, secondHead.Seq, new string('a', 64));
        (await VerifyAsync(wrong)).Logs.Single(l => l.Log == AuditLogs.Access).HeadsNotMet.Count.ShouldBe(1);
        (await CommandAsync("audit", "verify", "--head", "access:1:xyz")).Code.ShouldBe(1);
        (await CommandAsync("audit", "verify", "--haed", secondHead.ToString())).Code.ShouldBe(1); // not taken as "no head"
        (await CommandAsync("audit", "verify", $"--head={wrong}")).Code.ShouldBe(2);
    }
}

public sealed class AuditChainOnSqliteTests(SqliteApp app) : AuditChainTests(app), IClassFixture<SqliteApp>
{
    protected override string DisableAccessLogTriggerSql => "DROP TRIGGER access_log_no_update;";
}

public sealed class AuditChainOnPostgresTests(PostgresApp app) : AuditChainTests(app), IClassFixture<PostgresApp>
{
    protected override string DisableAccessLogTriggerSql => "ALTER TABLE access_log DISABLE TRIGGER access_log_append_only;";
}
