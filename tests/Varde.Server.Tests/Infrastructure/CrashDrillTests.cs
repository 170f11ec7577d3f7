using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Varde.Data;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 9, the crash drill on SQLite: Varde as its own process on a SQLite file, killed with SIGKILL while
/// four clients send readings, started again on the same file: it starts (the lock died with the process, the WAL is
/// recovered), every reading answered 201 before the kill is there once, the file passes its integrity check, and the
/// restarted Varde takes readings. (PostgreSQL's crash drill is <see cref="TwoProcessesBehindNginxTests"/>.)
/// </summary>
[Trait("Category", "Drill")]
public sealed class CrashDrillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task VardeKilledUnderLoad_OnSqlite_StartsAgain_WithEveryAcknowledgedReadingOnce()
    {
        var folder = Directory.CreateTempSubdirectory("varde-crash-").FullName;
        try
        {
            var file = Path.Combine(folder, "data", "varde.db");
            var connectionString = $"Data Source={file}";
            await Drill.SeedTestWorldAsync(DatabaseProvider.Sqlite, connectionString);
            var readings = Drill.Readings;
            var prefix = $"crash-{Guid.NewGuid():N}-";
            var port = Drill.FreePort();
            var acknowledged = new ConcurrentBag<string>();
            var answers = new ConcurrentDictionary<HttpStatusCode, int>();
            var sent = 0;
            await using (var first = ServerProcess.Start("first", port, DatabaseProvider.Sqlite, connectionString, folder))
            {
                await first.WaitReadyAsync(Patience);
                using var http = await Drill.NurseClientAsync(port);
                using var stop = new CancellationTokenSource();
                var senders = Drill.Send(http, prefix, () => Interlocked.Increment(ref sent), acknowledged, answers, stop.Token);
                await Drill.UntilAsync(() => acknowledged.Count >= readings, Patience, $"{readings} readings acknowledged");
                first.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }

            var atKill = acknowledged.Count;
            await using (var second = ServerProcess.Start("second", port, DatabaseProvider.Sqlite, connectionString, folder))
            {
                await second.WaitReadyAsync(Patience);
                using var http = await Drill.NurseClientAsync(port);
                using var stop = new CancellationTokenSource();
                var senders = Drill.Send(http, prefix, () => Interlocked.Increment(ref sent), acknowledged, answers, stop.Token);
                await Drill.UntilAsync(() => acknowledged.Count >= atKill + 20, Patience, "20 readings acknowledged after the restart");
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }

            SqliteConnection.ClearAllPools();
            await using var db = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Sqlite, connectionString));
            var tally = await Drill.TallyAsync(db, prefix, acknowledged);
            var integrity = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            output.WriteLine($"drill crash-sqlite: sent {sent}, acknowledged {acknowledged.Count} ({atKill} before the kill), stored {tally.Stored}, lost {tally.Lost.Count}, duplicated {tally.Duplicated}; answers: {Drill.Answers(answers)}; integrity {string.Join(" ", integrity)}");
            tally.Lost.ShouldBeEmpty();
            tally.Duplicated.ShouldBe(0);
            integrity.ShouldBe(["ok"]);
            answers.Keys.ShouldAllBe(code => code == HttpStatusCode.Created);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>What the drills share: how many readings (<c>VARDE_DRILL_READINGS</c>: a short run in ./test.sh, more in ./drills.sh), the senders, the waits.</summary>
internal static class Drill
{
    public static int Readings => int.TryParse(Environment.GetEnvironmentVariable("VARDE_DRILL_READINGS"), out var n) && n > 0 ? n : 100;

    public static async Task<HttpClient> NurseClientAsync(int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]));
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await tokenResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString());
        return http;
    }

    /// <summary>Four clients sending pulse readings for patient A until stopped; a connection that fails is not an answer.</summary>
    public static List<Task> Send(HttpClient http, string prefix, Func<int> next, ConcurrentBag<string> acknowledged,
        ConcurrentDictionary<HttpStatusCode, int> answers, CancellationToken stop) =>
        Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clientId = prefix + next();
                try
                {
                    using var response = await http.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
                        new { clientId, type = "pulse", value = 70, unit = "/min", effectiveAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
                    answers.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(clientId);
                    else
                        await Task.Delay(50);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // No answer (the process died, or none within the client's 30 s): not acknowledged.
                }
            }
        })).ToList();

    public static string Answers(ConcurrentDictionary<HttpStatusCode, int> answers) =>
        string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}×{a.Value}"));

    public static async Task UntilAsync(Func<bool> done, TimeSpan patience, string what)
    {
        var until = Stopwatch.StartNew();
        while (!done())
        {
            if (until.Elapsed > patience)
                throw new TimeoutException($"Waited {patience.TotalSeconds:0} s for {what}.");
            await Task.Delay(100);
        }
    }

    public static int FreePort() => FreePorts(1)[0];

    /// <summary>Ports free on 127.0.0.1 just now, all different (held together while they are found).</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>Migrates the database and puts the test world in it, through a host in this process that is then stopped.</summary>
    public static async Task SeedTestWorldAsync(DatabaseProvider provider, string connectionString)
    {
        var clock = new FakeTimeProvider(TestClock.Start.ToUniversalTime());
        await using (var seeding = new HostOn(provider, connectionString, clock, new LogCapture()))
        {
            using var scope = seeding.Services.CreateScope();
            await TestWorld.SeedAsync(scope.ServiceProvider, clock.GetUtcNow());
        }

        if (provider == DatabaseProvider.Sqlite)
            SqliteConnection.ClearAllPools();
    }

    /// <summary>What became of the readings sent with <paramref name="prefix"/>: how many are stored, which acknowledged ones are not, how many are stored twice.</summary>
    public static async Task<Tally> TallyAsync(VardeDbContext db, string prefix, IEnumerable<string> acknowledged)
    {
        var stored = await db.Measurements.Where(m => m.ClientId.StartsWith(prefix)).GroupBy(m => m.ClientId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var storedIds = stored.Select(s => s.Key).ToHashSet();
        return new Tally(stored.Count, [.. acknowledged.Where(id => !storedIds.Contains(id))], stored.Count(s => s.Count > 1));
    }

    public sealed record Tally(int Stored, IReadOnlyList<string> Lost, int Duplicated);
}
