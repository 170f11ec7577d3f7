using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Varde.Data;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 7, the failover drill: a PostgreSQL primary with a synchronous streaming standby
/// (<c>scripts/postgres-failover-pair.sh</c>), Varde as its own process on a multi-host connection string with
/// <c>Target Session Attributes=read-write</c>. Readings are sent; the primary is killed (SIGKILL) and the standby
/// promoted while they are sent; Varde finds the new primary by itself. Every reading answered 201 is on the new
/// primary, none twice, and while there was no primary the answer was 503, never 500 and never a 201 that was lost.
/// </summary>
[Trait("Category", "Drill")]
public sealed class FailoverDrillTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("varde-failover-").FullName;
    private string _pairFolder = "";
    private int _primary;
    private int _standby;

    public async Task InitializeAsync()
    {
        _pairFolder = Directory.CreateTempSubdirectory("varde-pg-pair-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_pairFolder, (UnixFileMode)0b111_111_111);
        var ports = (await PairAsync("start")).Trim().Split(' ');
        (_primary, _standby) = (int.Parse(ports[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PairAsync("stop");
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> PairAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(TwoProcessesBehindNginxTests.RepositoryRoot(), "scripts", "postgres-failover-pair.sh"), [command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["VARDE_PG_DIR"] = _pairFolder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres-failover-pair.sh {command} failed: {await stderr}");
        return await stdout;
    }

    private static string On(int port, string database = "varde") => $"Host=127.0.0.1;Port={port};Username=postgres;Database={database}";

    [Fact]
    public async Task ThePrimaryDiesUnderLoad_TheStandbyIsPromoted_AndEveryAcknowledgedReadingIsOnIt()
    {
        await using (var admin = new NpgsqlConnection(On(_primary, "postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE varde", admin);
            await create.ExecuteNonQueryAsync();
        }

        var clock = new FakeTimeProvider(TestClock.Start.ToUniversalTime());
        await using (var seeding = new HostOn(DatabaseProvider.Postgres, On(_primary), clock, new LogCapture()))
        {
            using var scope = seeding.Services.CreateScope();
            await TestWorld.SeedAsync(scope.ServiceProvider, clock.GetUtcNow());
        }

        NpgsqlConnection.ClearAllPools();
        // Both hosts, the writable one chosen; a host's state is looked at again after 2 s (Npgsql's default is 10).
        var both = $"Host=127.0.0.1:{_primary},127.0.0.1:{_standby};Username=postgres;Database=varde;Target Session Attributes=read-write;Host Recheck Seconds=2";
        var port = FreePort();
        await using var node = ServerProcess.Start("failover", port, both, _folder);
        await node.WaitReadyAsync(Patience);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]));
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await tokenResponse.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString());

        var prefix = $"failover-{Guid.NewGuid():N}-";
        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentDictionary<HttpStatusCode, int>();
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clientId = prefix + Interlocked.Increment(ref sent);
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
                catch (TaskCanceledException)
                {
                    // No answer within the client's 30 s: not acknowledged (Varde itself stays up in this drill).
                }
            }
        })).ToList();

        await UntilAsync(() => acknowledged.Count >= Drill.Readings, $"{Drill.Readings} readings acknowledged before the primary dies");
        await PairAsync("kill-primary");
        var atKill = acknowledged.Count;
        await Task.Delay(1000); // no primary for a while: a failover manager would take this long to decide
        await PairAsync("promote");
        var atPromotion = acknowledged.Count;
        await UntilAsync(() => acknowledged.Count >= atPromotion + Drill.Readings, $"{Drill.Readings} readings acknowledged by the new primary");
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        await using var db = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Postgres, On(_standby)));
        var stored = await db.Measurements.Where(m => m.ClientId.StartsWith(prefix)).GroupBy(m => m.ClientId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var storedIds = stored.Select(s => s.Key).ToHashSet();
        var lost = acknowledged.Where(id => !storedIds.Contains(id)).ToList();
        output.WriteLine($"drill failover-postgres: sent {sent}, acknowledged {acknowledged.Count} ({atKill} before the kill, {atPromotion - atKill} between kill and promotion), stored on the new primary {stored.Count}, lost {lost.Count}, duplicated {stored.Count(s => s.Count > 1)}; answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}×{a.Value}"))}");
        foreach (var line in node.Output().Split('\n').Where(l => l.Contains("Unhandled", StringComparison.Ordinal) || l.Contains("ExceptionHandler", StringComparison.Ordinal)).DistinctBy(l => l.Length > 300 ? l[..300] : l).Take(5))
            output.WriteLine(line.Length > 3000 ? line[..3000] : line);
        lost.ShouldBeEmpty();
        stored.ShouldAllBe(s => s.Count == 1);
        answers.Keys.ShouldAllBe(code => code == HttpStatusCode.Created || code == HttpStatusCode.ServiceUnavailable);
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var until = Stopwatch.StartNew();
        while (!done())
        {
            if (until.Elapsed > Patience)
                throw new TimeoutException($"Waited {Patience.TotalSeconds:0} s for {what}.");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
