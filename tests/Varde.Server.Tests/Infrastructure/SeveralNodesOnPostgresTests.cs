using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Features.Live;
using Varde.Server.Infrastructure;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 6, in one process: two Varde nodes on one PostgreSQL, each with its own services, connections and
/// caches. A token issued by one is valid on the other, and so is what one protects with the data-protection keys
/// (cookies); the cluster's jobs have one leader, and the other node takes over when it goes; a change committed on
/// one node reaches the other's screens by NOTIFY, with the poll set far beyond the test's wait.
/// </summary>
public sealed class SeveralNodesOnPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private ClusterNode Node() => new(app);

    [Fact]
    public async Task ATokenIssuedByOneNode_AndWhatItProtects_AreValidOnTheOther()
    {
        await using var a = Node();
        await using var b = Node();
        var token = await Tokens.TokenAsync(a, [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]);
        (await Tokens.WithToken(b, token).GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var protectedByA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Protect("Nora Nord");
        b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cluster-test").Unprotect(protectedByA).ShouldBe("Nora Nord");
    }

    [Fact]
    public async Task TheClustersJobs_HaveOneLeader_AndTheOtherNodeTakesOverWhenItGoes()
    {
        var a = Node();
        await using var b = Node();
        var leaderA = a.Services.GetRequiredService<JobLeader>();
        var leaderB = b.Services.GetRequiredService<JobLeader>();

        (await leaderA.IsLeaderAsync(default)).ShouldBeTrue();
        (await leaderB.IsLeaderAsync(default)).ShouldBeFalse();
        (await leaderA.IsLeaderAsync(default)).ShouldBeTrue("a leader stays the leader");
        (await leaderB.IsLeaderAsync(default)).ShouldBeFalse();

        // The node goes, and its connection with it; PostgreSQL frees the lock when that session's backend has ended,
        // a moment after the socket closed, so B, asking as its jobs do, gets it at one of its next asks.
        await a.DisposeAsync();
        var asks = 0;
        while (!await leaderB.IsLeaderAsync(default) && ++asks < 100)
            await Task.Delay(100);
        asks.ShouldBeLessThan(100, "B did not take over the jobs within 10 s");
    }

    [Fact]
    public async Task AReportTakenInByOneNode_ReachesTheOtherNodesScreens_WithoutWaitingForItsPoll()
    {
        await using var a = Node();
        await using var b = Node();
        var heard = new ConcurrentQueue<LiveChange>();
        _ = a.Services;
        using var subscription = b.Services.GetRequiredService<LiveUpdates>().Subscribe(TestWorld.North, heard.Enqueue);
        var nurse = await NurseOnAsync(a);

        // B's dispatcher polls every 10 minutes here: what it hears within the wait came by NOTIFY. B listens from a
        // moment after its start, so readings are sent until one is heard.
        for (var i = 0; i < 40 && !heard.Any(c => c.PatientId == TestWorld.PatientA && c.Type == "report.received"); i++)
        {
            var clientId = $"cluster-{Guid.NewGuid():N}";
            (await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
                new { clientId, type = "pulse", value = 70, unit = "/min", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-1) })).StatusCode.ShouldBe(HttpStatusCode.Created);
            await Task.Delay(250);
        }

        heard.ShouldContain(c => c.PatientId == TestWorld.PatientA && c.Type == "report.received");
    }

    private static async Task<HttpClient> NurseOnAsync(ClusterNode node) =>
        Tokens.WithToken(node, await Tokens.TokenAsync(node, [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]));
}

/// <summary>A node of a cluster on the fixture's PostgreSQL database: token keys in the database, a poll far beyond any test's wait.</summary>
internal sealed class ClusterNode(VardeApp first) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        VardeApp.Configure(builder, first.Provider, first.Database.ConnectionString, first.Clock, first.Logs);
        builder.UseSetting("Auth:KeyStore", "database");
        builder.UseSetting("Live:PollSeconds", "600");
    }
}
