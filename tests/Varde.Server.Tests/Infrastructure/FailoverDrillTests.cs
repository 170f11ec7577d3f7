using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using Varde.Data;

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
    private PostgresPair _pair = null!;
    private int _primary;
    private int _standby;

    public async Task InitializeAsync()
    {
        _pair = await PostgresPair.StartAsync();
        (_primary, _standby) = (_pair.Primary, _pair.Standby);
    }

    public async Task DisposeAsync()
    {
        await _pair.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<string> PairAsync(string command) => _pair.RunAsync(command);

    private static string On(int port, string database = "varde") => PostgresPair.On(port, database);

    [Fact]
    public async Task ThePrimaryDiesUnderLoad_TheStandbyIsPromoted_AndEveryAcknowledgedReadingIsOnIt()
    {
        await _pair.SeedAsync();
        NpgsqlConnection.ClearAllPools();
        // Both hosts, the writable one chosen; a host's state is looked at again after 2 s (Npgsql's default is 10).
        var both = $"Host=127.0.0.1:{_primary},127.0.0.1:{_standby};Username=postgres;Database=varde;Target Session Attributes=read-write;Host Recheck Seconds=2";
        var port = Drill.FreePort();
        await using var node = ServerProcess.Start("failover", port, both, _folder);
        await node.WaitReadyAsync(Patience);
        using var http = await Drill.NurseClientAsync(port);

        var prefix = $"failover-{Guid.NewGuid():N}-";
        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentDictionary<HttpStatusCode, int>();
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var senders = Drill.Send(http, prefix, () => Interlocked.Increment(ref sent), acknowledged, answers, stop.Token);

        await Drill.UntilAsync(() => acknowledged.Count >= Drill.Readings, Patience, $"{Drill.Readings} readings acknowledged before the primary dies");
        await PairAsync("kill-primary");
        var atKill = acknowledged.Count;
        await Task.Delay(1000); // no primary for a while: a failover manager would take this long to decide
        await PairAsync("promote");
        var atPromotion = acknowledged.Count;
        await Drill.UntilAsync(() => acknowledged.Count >= atPromotion + Drill.Readings, Patience, $"{Drill.Readings} readings acknowledged by the new primary");
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        await using var db = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Postgres, On(_standby)));
        var tally = await Drill.TallyAsync(db, prefix, acknowledged);
        output.WriteLine($"drill failover-postgres: sent {sent}, acknowledged {acknowledged.Count} ({atKill} before the kill, {atPromotion - atKill} between kill and promotion), stored on the new primary {tally.Stored}, lost {tally.Lost.Count}, duplicated {tally.Duplicated}; answers: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}×{a.Value}"))}");
        foreach (var line in node.Output().Split('\n').Where(l => l.Contains("Unhandled", StringComparison.Ordinal) || l.Contains("ExceptionHandler", StringComparison.Ordinal)).DistinctBy(l => l.Length > 300 ? l[..300] : l).Take(5))
            output.WriteLine(line.Length > 3000 ? line[..3000] : line);
        tally.Lost.ShouldBeEmpty();
        tally.Duplicated.ShouldBe(0);
        answers.Keys.ShouldAllBe(code => code == HttpStatusCode.Created || code == HttpStatusCode.ServiceUnavailable);
    }
}

/// <summary>A PostgreSQL primary with a synchronous streaming standby (<c>scripts/postgres-failover-pair.sh</c>), in a temp folder.</summary>
internal sealed class PostgresPair : IAsyncDisposable
{
    private readonly string _folder;

    private PostgresPair(string folder) => _folder = folder;

    public int Primary { get; private set; }

    public int Standby { get; private set; }

    public static string On(int port, string database = "varde") => $"Host=127.0.0.1;Port={port};Username=postgres;Database={database}";

    public static async Task<PostgresPair> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("varde-pg-pair-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var pair = new PostgresPair(folder);
        var ports = (await pair.RunAsync("start")).Trim().Split(' ');
        (pair.Primary, pair.Standby) = (int.Parse(ports[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[1], System.Globalization.CultureInfo.InvariantCulture));
        return pair;
    }

    /// <summary>Runs the script's command (start, kill-primary, promote, stop) on this pair; its output.</summary>
    public async Task<string> RunAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(TwoProcessesBehindNginxTests.RepositoryRoot(), "scripts", "postgres-failover-pair.sh"), [command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["VARDE_PG_DIR"] = _folder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres-failover-pair.sh {command} failed: {await stderr}");
        return await stdout;
    }

    /// <summary>Makes the database "varde" on the primary and puts the test world in it (through a host on the primary).</summary>
    public async Task SeedAsync()
    {
        await using (var admin = new NpgsqlConnection(On(Primary, "postgres")))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE varde", admin);
            await create.ExecuteNonQueryAsync();
        }

        await Drill.SeedTestWorldAsync(DatabaseProvider.Postgres, On(Primary));
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("stop");
    }
}
