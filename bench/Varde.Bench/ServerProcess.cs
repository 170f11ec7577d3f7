using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Varde.Bench;

/// <summary>
/// The Varde server as its own process (the Release build), on a free port on 127.0.0.1, so its memory is its own and
/// the load generator does not share its threads. Also runs the server's <c>generate</c> command.
/// </summary>
public sealed class ServerProcess : IMeasuredProcess, IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _metrics;

    private ServerProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _metrics = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string Name => "server";

    public string BaseUrl { get; }

    public int Pid => _process.Id;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The server to run: bench.sh's ReadyToRun publish (VARDE_BENCH_SERVER_DLL), else the Release build.</summary>
    public static string ServerDll => Environment.GetEnvironmentVariable("VARDE_BENCH_SERVER_DLL") is { Length: > 0 } published
        ? published
        : Path.Combine(RepositoryRoot, "src", "Varde.Server", "bin", "Release", "net10.0", "Varde.Server.dll");

    /// <summary>
    /// The collector the server runs with: the one it ships with (System.GC.Server in its runtimeconfig.json, ADR 0063),
    /// unless VARDE_BENCH_SERVER_GC=1 or 0 asks for the other one for an A/B. The baseline endpoint runs with the same.
    /// </summary>
    public static bool ServerGc { get; } = Environment.GetEnvironmentVariable("VARDE_BENCH_SERVER_GC") switch
    {
        null or "" => ShipsWithServerGc(),
        "1" => true,
        "0" => false,
        var other => throw new InvalidOperationException($"VARDE_BENCH_SERVER_GC takes 1 (server GC) or 0 (workstation GC); got '{other}'."),
    };

    private static bool ShipsWithServerGc()
    {
        var config = Path.ChangeExtension(ServerDll, ".runtimeconfig.json");
        if (!File.Exists(config))
            throw new InvalidOperationException($"No {config}: build the server in Release first (./bench.sh does), or set VARDE_BENCH_SERVER_GC.");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean();
    }

    public static async Task<ServerProcess> StartAsync(Database database, CancellationToken ct)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var info = Start(["--urls", url], database);
        if (Environment.GetEnvironmentVariable("VARDE_BENCH_JIT_LOG") is { Length: > 0 } jitLog)
        {
            info.Environment["DOTNET_JitStdOutFile"] = jitLog; // one line per method the server's JIT compiles, with its tier
            info.Environment["DOTNET_JitDisasmSummary"] = "1";
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var log = Environment.GetEnvironmentVariable("VARDE_BENCH_SERVER_LOG") is { Length: > 0 } logPath ? TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true }) : null;
        _ = CopyAsync(process.StandardOutput, log);
        var errors = CopyAsync(process.StandardError, log);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException("The server stopped: " + await errors);
            try
            {
                if ((await http.GetAsync("/healthz", ct)).IsSuccessStatusCode)
                    return new ServerProcess(process, url);
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException("The server did not answer /healthz within a minute.");
    }

    /// <summary>Reads a stream of the server's to its end, copying each line to the log when there is one (VARDE_BENCH_SERVER_LOG).</summary>
    private static async Task<string> CopyAsync(StreamReader from, TextWriter? log)
    {
        var kept = new System.Text.StringBuilder();
        while (await from.ReadLineAsync() is { } line)
        {
            log?.WriteLine(line);
            if (kept.Length < 100_000)
                kept.AppendLine(line);
        }

        return kept.ToString();
    }

    /// <summary>Runs <c>generate</c> with the arguments into the database and returns its last line.</summary>
    public static async Task<string> GenerateAsync(Database database, IEnumerable<string> args, CancellationToken ct)
    {
        var info = Start(["generate", .. args, "--provider", database.Provider, "--connection", database.ConnectionString], database);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the generator.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"generate failed ({process.ExitCode}): {await errors}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => !l.StartsWith('{')) ?? "";
    }

    /// <summary>The resident set size now and its peak (VmRSS, VmHWM from /proc), in MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kb(line) / 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kb(line) / 1024;
        }

        return (rss, peak);
    }

    /// <summary>
    /// The resident set size now split by what backs it, in MB: RssAnon (the GC heap, native memory), RssShmem (with
    /// W^X on, the runtime's executable memory, JIT-compiled code and stubs, lives in a shared "doublemapper" memfd) and
    /// RssFile (mapped files such as the assemblies).
    /// </summary>
    public (double Anonymous, double Shared, double Files) ResidentParts()
    {
        double anonymous = 0, shared = 0, files = 0;
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                anonymous = Kb(line) / 1024;
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal))
                shared = Kb(line) / 1024;
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                files = Kb(line) / 1024;
        }

        return (anonymous, shared, files);
    }

    private static readonly string[] Generations = ["gen0", "gen1", "gen2", "loh", "poh"];

    /// <summary>
    /// What the GC holds, from /metrics: the heap after the last collection by generation and the memory it had committed
    /// then (<c>dotnet_gc_last_collection_heap_size_bytes</c>, <c>dotnet_gc_last_collection_memory_committed_size_bytes</c>), in MB.
    /// </summary>
    public async Task<string> GcMemoryAsync(CancellationToken ct)
    {
        var text = await _metrics.GetStringAsync("/metrics", ct);
        static string Mb(double? bytes) => bytes is { } b ? (b / 1024 / 1024).ToString("N0", CultureInfo.InvariantCulture) : "?";
        var generations = string.Join(", ", Generations.Select(g => $"{g} {Mb(Prometheus.Sum(text, "dotnet_gc_last_collection_heap_size_bytes", $"gc_heap_generation=\"{g}\""))}"));
        return $"GC heap after the last collection {Mb(Prometheus.Sum(text, "dotnet_gc_last_collection_heap_size_bytes"))} MB ({generations}), "
            + $"committed {Mb(Prometheus.Sum(text, "dotnet_gc_last_collection_memory_committed_size_bytes"))} MB";
    }

    /// <summary>The server's /metrics text (Prometheus).</summary>
    public async Task<string> MetricsAsync(CancellationToken ct) => await _metrics.GetStringAsync("/metrics", ct);

    /// <summary>
    /// The runtime's totals from the server's /metrics (the "System.Runtime" meter, exported by Telemetry.cs):
    /// <c>dotnet_gc_heap_total_allocated_bytes_total</c>, <c>dotnet_jit_compilation_time_seconds_total</c>,
    /// <c>dotnet_jit_compiled_methods_total</c>, <c>dotnet_process_cpu_time_seconds_total</c> (user + system),
    /// <c>dotnet_gc_pause_time_seconds_total</c> and <c>dotnet_gc_collections_total</c> of generation 2; null
    /// when the server does not export them.
    /// </summary>
    public async Task<RuntimeTotals?> RuntimeTotalsAsync(CancellationToken ct)
    {
        var text = await _metrics.GetStringAsync("/metrics", ct);
        var allocated = Prometheus.Sum(text, "dotnet_gc_heap_total_allocated_bytes_total");
        var jit = Prometheus.Sum(text, "dotnet_jit_compilation_time_seconds_total");
        var methods = Prometheus.Sum(text, "dotnet_jit_compiled_methods_total");
        var cpu = Prometheus.Sum(text, "dotnet_process_cpu_time_seconds_total");
        var gcPause = Prometheus.Sum(text, "dotnet_gc_pause_time_seconds_total");
        var gen2 = Prometheus.Sum(text, "dotnet_gc_collections_total", "gc_heap_generation=\"gen2\"");
        return allocated is null ? null : new RuntimeTotals((long)allocated.Value, jit ?? double.NaN, (long)(methods ?? -1), cpu ?? double.NaN,
            gcPause ?? double.NaN, (long)(gen2 ?? -1));
    }

    public async ValueTask DisposeAsync()
    {
        _metrics.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static ProcessStartInfo Start(IEnumerable<string> args, Database database)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = database.WorkingDirectory };
        info.ArgumentList.Add(ServerDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["Database__Provider"] = database.Provider;
        info.Environment["ConnectionStrings__varde"] = database.ConnectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        if (Environment.GetEnvironmentVariable("VARDE_BENCH_PERFMAP") == "1")
        {
            info.Environment["DOTNET_PerfMapEnabled"] = "1"; // names for `perf` when profiling the server
            info.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        info.Environment["DOTNET_gcServer"] = ServerGc ? "1" : "0";
        // VARDE_BENCH_SERVER_ENV="DOTNET_TieredPGO=0 DOTNET_X=1": runtime settings for the server alone (an A/B of a knob
        // on the same build, without touching the load generator's own runtime).
        foreach (var setting in (Environment.GetEnvironmentVariable("VARDE_BENCH_SERVER_ENV") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new InvalidOperationException($"VARDE_BENCH_SERVER_ENV takes NAME=value pairs separated by spaces; got '{setting}'.");
            info.Environment[setting[..equals]] = setting[(equals + 1)..];
        }

        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Varde.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
