using Varde.Bench;

// Varde's benchmarks (docs/benchmarks.md). Run through ./bench.sh, which builds Release and starts PostgreSQL.
//   Varde.Bench [--quick] [b1 b2 b3 b4 b5 b6]  (no names: all)
//   Varde.Bench bare-endpoint                  (B1's baseline endpoint as its own process; started by B1)
if (args is ["bare-endpoint"])
    return await BareInsertEndpoint.ServeAsync();

var quick = args.Contains("--quick");
var chosen = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => a.ToLowerInvariant()).ToHashSet();
bool Run(string name) => chosen.Count == 0 || chosen.Contains(name);
var results = Path.Combine(ServerProcess.RepositoryRoot, "bench", "results");
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var ct = cancel.Token;
var failed = new List<string>();
Console.WriteLine($"Server: {ServerProcess.ServerDll}, {(ServerProcess.ServerGc ? "server GC" : "workstation GC")}" +
    (Environment.GetEnvironmentVariable("VARDE_BENCH_SERVER_GC") is { Length: > 0 } ? " (VARDE_BENCH_SERVER_GC)" : " (as it ships)"));

async Task StepAsync(string name, Func<Task<BenchResult>> benchmark)
{
    if (!Run(name))
        return;
    try
    {
        var result = await benchmark();
        await result.SaveAndPrintAsync(results);
    }
    // An HttpClient timeout is an OperationCanceledException too: that is a failed benchmark; only Ctrl+C stops the run.
    catch (Exception e) when (!ct.IsCancellationRequested)
    {
        failed.Add(name);
        Console.Error.WriteLine($"[{name}] failed: {e}");
    }
}

await StepAsync("b1", () => B1Ingestion.RunAsync(sqlite: false, quick, ct));
await StepAsync("b5", () => B1Ingestion.RunAsync(sqlite: true, quick, ct));
await StepAsync("b3", () => B3Reading.RunAsync(quick, ct));
await StepAsync("b4", () => B4Soak.RunAsync(quick, ct));
await StepAsync("b2", () => B2TimeToScreen.RunAsync(quick, ct));
await StepAsync("b6", () => B6Statistics.RunAsync(quick, ct));
Console.WriteLine(failed.Count == 0 ? "All benchmarks ran." : $"Failed to run: {string.Join(", ", failed)}");
return failed.Count == 0 ? 0 : 1;
