using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 6, with real processes: two Varde servers (<c>Varde.Server.dll</c>, as an operator runs them) on one
/// PostgreSQL database, behind Debian's nginx. Readings are sent through nginx by several clients; the node that leads
/// the jobs is killed (SIGKILL) while they are sent; every reading answered 201 is stored once, none twice, nginx
/// goes on answering from the other node, and the other node takes over the jobs. The servers run on the machine's
/// clock (they are the real program); nothing asserted depends on the time: a reading sent a minute before "now" is
/// stored at any hour.
/// </summary>
[Trait("Category", "Drill")]
public sealed class TwoProcessesBehindNginxTests(PostgresApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillingTheNodeThatLeadsTheJobs_UnderLoad_LosesNoAcknowledgedReading_AndTheOtherNodeTakesOver()
    {
        var folder = Directory.CreateTempSubdirectory("varde-nodes-").FullName;
        try
        {
            var ports = Drill.FreePorts(3);
            await using var nodeA = ServerProcess.Start("A", ports[0], app.Database.ConnectionString, folder);
            await using var nodeB = ServerProcess.Start("B", ports[1], app.Database.ConnectionString, folder);
            await Task.WhenAll(nodeA.WaitReadyAsync(Patience), nodeB.WaitReadyAsync(Patience));
            await using var nginx = await NginxProcess.StartAsync(folder, ports[2], [ports[0], ports[1]], Patience);
            using var http = await Drill.NurseClientAsync(ports[2]);

            var nodes = new[] { nodeA, nodeB };
            await Drill.UntilAsync(() => nodes.Count(n => n.TookOverJobs) == 1, Patience, "one node to take the jobs");
            var leader = nodes.Single(n => n.TookOverJobs);
            var other = nodes.Single(n => n != leader);
            other.TookOverJobs.ShouldBeFalse("only one node leads the jobs");

            var prefix = $"nodes-{Guid.NewGuid():N}-";
            var acknowledged = new ConcurrentBag<string>();
            var answers = new ConcurrentDictionary<HttpStatusCode, int>();
            var sent = 0;
            using var stop = new CancellationTokenSource();
            var senders = Drill.Send(http, prefix, () => Interlocked.Increment(ref sent), acknowledged, answers, stop.Token);

            await Drill.UntilAsync(() => acknowledged.Count >= Drill.Readings, Patience, $"{Drill.Readings} readings acknowledged before the kill");
            leader.Kill();
            var atKill = acknowledged.Count;
            await Drill.UntilAsync(() => acknowledged.Count >= atKill + Drill.Readings, Patience, $"{Drill.Readings} readings acknowledged after the kill, by the other node");
            await stop.CancelAsync();
            await Task.WhenAll(senders);
            await Drill.UntilAsync(() => other.TookOverJobs, Patience, "the other node to take over the jobs");

            await using var db = app.Database.NewContext();
            var tally = await Drill.TallyAsync(db, prefix, acknowledged);
            output.WriteLine($"drill crash-postgres-two-nodes: sent {sent}, acknowledged {acknowledged.Count} ({atKill} before the kill of node {leader.Name}), stored {tally.Stored}, lost {tally.Lost.Count}, duplicated {tally.Duplicated}; answers: {Drill.Answers(answers)}");
            tally.Lost.ShouldBeEmpty();
            tally.Duplicated.ShouldBe(0);
            answers.Keys.ShouldAllBe(code => code == HttpStatusCode.Created || code == HttpStatusCode.BadGateway || code == HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Varde.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Varde.slnx not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A Varde server as its own process, from the server project's build output, with its output kept for the test.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Whether the node has logged that it took over the cluster's jobs (JobLeader).</summary>
    public bool TookOverJobs
    {
        get
        {
            lock (_output)
                return _output.ToString().Contains("took over the cluster", StringComparison.Ordinal);
        }
    }

    public static ServerProcess Start(string name, int port, string connectionString, string folder) =>
        Start(name, port, Varde.Data.DatabaseProvider.Postgres, connectionString, folder);

    public static ServerProcess Start(string name, int port, Varde.Data.DatabaseProvider provider, string connectionString, string folder,
        params (string Name, string Value)[] settings)
    {
        var dll = Path.Combine(TwoProcessesBehindNginxTests.RepositoryRoot(), "src", "Varde.Server", "bin", "Debug", "net10.0", "Varde.Server.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is not built (./test.sh builds the solution first).");
        var workingDirectory = Directory.CreateDirectory(Path.Combine(folder, "node-" + name)).FullName;
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = provider.ToString();
        start.Environment["ConnectionStrings__varde"] = connectionString;
        start.Environment["Auth__KeyStore"] = "database";
        start.Environment["Auth__RateLimits__SignInsPerMinute"] = "100000";
        start.Environment["Jobs__Enabled"] = "true";
        foreach (var (setting, value) in settings)
            start.Environment[setting] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(name, port, process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public async Task WaitReadyAsync(TimeSpan patience)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Node {Name} stopped (exit code {_process.ExitCode}): {Output()}");
            try
            {
                if ((await http.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (until.Elapsed > patience)
                throw new TimeoutException($"Node {Name} was not ready within {patience.TotalSeconds:0} s: {Output()}");
            await Task.Delay(200);
        }
    }

    public string Output()
    {
        lock (_output)
            return _output.ToString();
    }

    /// <summary>SIGKILL, as a machine or process dying: no shutdown, no flushing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>Debian's nginx in the foreground with its own configuration: round robin over the nodes, the next node when one does not answer.</summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NginxProcess(Process process) => _process = process;

    public static async Task<NginxProcess> StartAsync(string folder, int port, int[] upstreams, TimeSpan patience)
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx"
            : throw new InvalidOperationException("nginx is missing: ./test.sh installs Debian's nginx-light.");
        var prefix = Directory.CreateDirectory(Path.Combine(folder, "nginx")).FullName;
        foreach (var temp in new[] { "body", "proxy", "fastcgi", "uwsgi", "scgi" })
            Directory.CreateDirectory(Path.Combine(prefix, temp));
        var servers = string.Join("\n", upstreams.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;"));
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{prefix}}/body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              upstream varde {
            {{servers}}
                keepalive 16;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://varde;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $host;
                  proxy_next_upstream error timeout;
                  proxy_connect_timeout 2s;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx, ["-p", prefix, "-c", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var result = new NginxProcess(process);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var until = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx stopped: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    return result;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (until.Elapsed > patience)
            {
                await result.DisposeAsync();
                throw new TimeoutException("nginx did not answer.");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
