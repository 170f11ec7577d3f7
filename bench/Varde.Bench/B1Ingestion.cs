using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Bench;

/// <summary>
/// B1 (and B5 on SQLite): FHIR transaction bundles of 100 Observations from 8 concurrent clients over HTTP, with
/// triage, alert routing and the access log on, against a binary COPY (SQLite: one prepared INSERT in a transaction)
/// of the same rows into a bare copy of the measurements table, measured in the same run. On PostgreSQL also single
/// Observation POSTs from 16 clients against a bare Kestrel endpoint doing one INSERT per request with the same pool.
/// The server's memory is sampled throughout (B4's peak).
/// </summary>
public static class B1Ingestion
{
    public static async Task<BenchResult> RunAsync(bool sqlite, bool quick, CancellationToken ct)
    {
        var name = sqlite ? "b5-embedded" : "b1-ingestion";
        var result = new BenchResult(name, sqlite ? "Ingestion into embedded SQLite (synchronous=FULL)" : "Ingestion over HTTP into PostgreSQL", quick);
        var patients = quick ? 1_000 : 4_000;
        var observations = int.TryParse(Environment.GetEnvironmentVariable("VARDE_BENCH_OBSERVATIONS"), out var n) ? n : (quick, sqlite) switch { (true, false) => 10_000, (true, true) => 4_000, (false, false) => 50_000, _ => 20_000 };
        var singleCount = sqlite ? 0 : quick ? 1_500 : 5_000;
        // The server is warmed up first with readings of the same kind that are not measured (VARDE_BENCH_WARMUP=0: none,
        // as every run before 2026-12-04): its JIT compiles and re-compiles the hot code in the first minute, which
        // otherwise dominates the quick figures (docs/benchmarks.md). What the warm-up cost is printed beside.
        var warmUp = Environment.GetEnvironmentVariable("VARDE_BENCH_WARMUP") == "0" ? 0 : quick ? 2_500 : 10_000;
        var warmUpSingles = sqlite ? 0 : warmUp / 5;
        var data = LoadData.For(patients, storedDays: 7, observations + singleCount, warmUp + warmUpSingles);
        // Service 1 has about 1,000 patients: cap the bundles so the single POSTs get fresh readings too.
        observations = Math.Min(observations, (data.Fresh.Count - singleCount) / 100 * 100);
        var database = sqlite ? Database.NewSqlite(name) : await Database.NewPostgresAsync("varde_" + name.Replace('-', '_'), ct);
        Console.WriteLine($"[{name}] generating {patients:N0} patients …");
        result.Note("Stored before the run: " + await ServerProcess.GenerateAsync(database, data.GenerateArgs, ct));

        await using var server = await ServerProcess.StartAsync(database, ct);
        using var sampler = new MemorySampler(server, TimeSpan.FromMilliseconds(200));
        if (data.WarmUp.Count > 0)
            await WarmUpAsync(server, database, data, warmUp, result, ct);

        // Bundles over HTTP.
        var bundles = data.Bundles(100).Take(observations / 100).ToList();
        var bundleCost = await PhaseCost.StartAsync("Bundles of 100, 8 clients", server, database, "measurements", ct);
        var holdBefore = await server.MetricsAsync(ct);
        var (seconds, bundleLatency) = await PostAllAsync(server.BaseUrl, bundles, "/fhir", 8, bundleCost, ct);
        await NoteHoldAsync(server, holdBefore, "bundles", result, ct);
        var rate = bundles.Count * 100 / seconds;
        result.AddCosts(await bundleCost.StopAsync(ct));
        var copyRate = await BaselineRowsPerSecondAsync(database, data, bundles.Count * 100, result, ct);
        var target = sqlite ? 3_000 : 10_000;
        result.Add("Observations/s (bundles of 100, 8 clients)", rate, "obs/s", $"≥ {target:N0}", rate >= target);
        result.Add(sqlite ? "Baseline: prepared INSERT in one transaction, bare table" : "Baseline: binary COPY into a bare table", copyRate, "rows/s");
        result.Add("Ratio to baseline", rate / copyRate, "×", sqlite ? null : "≥ 0.35", sqlite ? null : rate / copyRate >= 0.35);
        result.Add("Bundles sent again after 409 (concurrent bundles for one patient)", LastRetries, "count");
        result.Add("Bundle latency p50", bundleLatency.Percentile(50), "ms");
        result.Add("Bundle latency p99", bundleLatency.Percentile(99), "ms");

        if (!sqlite)
        {
            // Single Observations from 16 clients, against a bare endpoint doing one INSERT each.
            var singles = LoadData.SinglesOf(data.Fresh.Skip(observations).Take(singleCount));
            var singleCost = await PhaseCost.StartAsync("Single POSTs, 16 clients", server, database, "measurements", ct);
            var singleHoldBefore = await server.MetricsAsync(ct);
            var (singleSeconds, singleLatency) = await PostAllAsync(server.BaseUrl, singles, "/fhir/Observation", 16, singleCost, ct);
            await NoteHoldAsync(server, singleHoldBefore, "single POSTs (a writer's group is one transaction)", result, ct);
            var singleRate = singles.Count / singleSeconds;
            result.AddCosts(await singleCost.StopAsync(ct));
            var (bareRate, bareLatency, bareCost) = await BareInsertEndpoint.RunAsync(database, data, singles.Count, 16, ct);
            result.AddCosts(bareCost);
            result.Add("Single POST /fhir/Observation, 16 clients", singleRate, "obs/s", "≥ 2,000", singleRate >= 2_000);
            result.Add("Single POSTs sent again after 409", LastRetries, "count");
            result.Add("Single POST latency p99", singleLatency.Percentile(99), "ms", "< 50", singleLatency.Percentile(99) < 50);
            result.Add("Baseline: bare Kestrel endpoint, one INSERT each", bareRate, "req/s");
            result.Add("Baseline latency p99", bareLatency.Percentile(99), "ms");
            result.Add("Single POST ratio to baseline", singleRate / bareRate, "×");
        }

        var peak = sampler.Stop();
        result.Add("Server peak RSS during the run (VmHWM)", peak, "MB", sqlite ? null : "≤ 400", sqlite ? null : peak <= 400);
        result.Note($"{sampler.LargestNote()}; at the end: {await server.GcMemoryAsync(ct)}.");
        await VerifyStoredAsync(database, data, bundles.Count * 100, result, ct);
        return result;
    }

    // Bundles, then single POSTs (PostgreSQL), of readings that are not measured, the same way as the measured ones; their
    // cost is kept as the cold figures.
    private static async Task WarmUpAsync(ServerProcess server, Database database, LoadData data, int bundled, BenchResult result, CancellationToken ct)
    {
        Console.WriteLine($"[{result.Name}] warming up with {data.WarmUp.Count:N0} readings of {data.WarmUpGateway}'s patients …");
        var bundles = LoadData.BundlesOf(data.WarmUp.Take(bundled), 100);
        var cost = await PhaseCost.StartAsync("Warm-up (not measured): bundles of 100, 8 clients", server, database, "measurements", ct);
        var (seconds, _) = await PostAllAsync(server.BaseUrl, bundles, "/fhir", 8, cost, ct, data.WarmUpGateway);
        result.AddCosts(await cost.StopAsync(ct));
        result.Note($"Warm-up (cold server, not in the figures above): {bundled:N0} readings in bundles at {bundled / seconds:N0} obs/s.");
        if (data.WarmUp.Count <= bundled)
            return;
        var singles = LoadData.SinglesOf(data.WarmUp.Skip(bundled));
        var singleCost = await PhaseCost.StartAsync("Warm-up (not measured): single POSTs, 16 clients", server, database, "measurements", ct);
        var (singleSeconds, _) = await PostAllAsync(server.BaseUrl, singles, "/fhir/Observation", 16, singleCost, ct, data.WarmUpGateway);
        result.AddCosts(await singleCost.StopAsync(ct));
        result.Note($"Warm-up singles: {singles.Count:N0} single POSTs at {singles.Count / singleSeconds:N0}/s.");
    }

    /// <summary>
    /// Posts every body once from <paramref name="clients"/> concurrent workers (as <paramref name="gateway"/>); the
    /// elapsed seconds and per-request latency. The phase's cost gets its halfway snapshot when the middle body is about
    /// to be sent.
    /// </summary>
    public static async Task<(double Seconds, Latencies Latency)> PostAllAsync(string baseUrl, IReadOnlyList<string> bodies, string path, int clients,
        PhaseCost cost, CancellationToken ct, string gateway = "gateway-1")
    {
        using var http = await VardeClient.GatewayAsync(baseUrl, clients, ct, gateway);
        var latency = new Latencies();
        var next = -1;
        var failures = 0;
        var retries = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                if (i == bodies.Count / 2)
                    await cost.HalfwayAsync(ct);

                // As a gateway would: a 409 ("stored at the same moment, send it again") is sent again, up to 5 times.
                for (var attempt = 1; ; attempt++)
                {
                    using var content = new StringContent(bodies[i], Encoding.UTF8, "application/fhir+json");
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsync(path, content, ct);
                    latency.Add(Stopwatch.GetElapsedTime(started));
                    if (response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 5)
                    {
                        Interlocked.Increment(ref retries);
                        continue;
                    }

                    if (!response.IsSuccessStatusCode && Interlocked.Increment(ref failures) == 1)
                        Console.Error.WriteLine($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    break;
                }
            }
        }, ct)));
        if (failures > 0)
            throw new InvalidOperationException($"{failures} of {bodies.Count} requests to {path} failed.");
        LastRetries = retries;
        return (clock.Elapsed.TotalSeconds, latency);
    }

    // How long the phase's intake transactions waited for their patients and then held them (the server's
    // varde_intake_hold_seconds): when every transaction waits about as long as one holds, they run one at a time.
    private static async Task NoteHoldAsync(ServerProcess server, string before, string what, BenchResult result, CancellationToken ct)
    {
        var after = await server.MetricsAsync(ct);
        double Delta(string metric, string part) =>
            (Prometheus.Sum(after, metric, $"part=\"{part}\"") ?? 0) - (Prometheus.Sum(before, metric, $"part=\"{part}\"") ?? 0);
        var transactions = Delta("varde_intake_hold_seconds_count", "held");
        if (transactions <= 0)
            return;
        result.Note($"Intake transactions for {what}: {transactions:N0}, each waited {1000 * Delta("varde_intake_hold_seconds_sum", "wait") / transactions:N1} ms " +
                    $"on average for its patients and then held them {1000 * Delta("varde_intake_hold_seconds_sum", "held") / transactions:N1} ms until it committed.");
    }

    /// <summary>How many 409s the last <see cref="PostAllAsync"/> sent again.</summary>
    public static int LastRetries { get; private set; }

    // The same rows as Measurement entities, written by the bulk path into a bare copy of the table (no indexes, triggers or constraints).
    // Its cost is the bench process's (which does the writing) and PostgreSQL's.
    private static async Task<double> BaselineRowsPerSecondAsync(Database database, LoadData data, int rows, BenchResult result, CancellationToken ct)
    {
        var measurements = data.Fresh.Take(rows).Select(x => LoadData.ToMeasurement(x.Patient, x.Reading)).ToList();
        await using var db = new VardeDbContext(VardeDatabase.Options(database.Provider == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            database.ConnectionString));
        await db.Database.OpenConnectionAsync(ct);
        var create = database.Provider == "Postgres"
            ? "DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare (LIKE measurements)"
            : "DROP TABLE IF EXISTS bench_bare; CREATE TABLE bench_bare AS SELECT * FROM measurements WHERE 0";
        await db.Database.ExecuteSqlRawAsync(create, ct);
        var cost = await PhaseCost.StartAsync(database.Provider == "Postgres" ? "Baseline: binary COPY, bare table" : "Baseline: prepared INSERTs, bare table",
            ThisProcess.Instance, database, "bench_bare", ct);
        var clock = Stopwatch.StartNew();
        await BulkWriter.WriteAsync(db, measurements, ct, table: "bench_bare");
        var perSecond = rows / clock.Elapsed.TotalSeconds;
        result.AddCosts(await cost.StopAsync(ct));
        return perSecond;
    }

    private static async Task VerifyStoredAsync(Database database, LoadData data, int posted, BenchResult result, CancellationToken ct)
    {
        await using var db = new VardeDbContext(VardeDatabase.Options(database.Provider == "Postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
            database.ConnectionString));
        var clientIds = data.Fresh.Take(posted).Select(x => x.Reading.Input.ClientId!).Where((_, i) => i % 50 == 0).ToList();
        var found = await db.Measurements.CountAsync(m => clientIds.Contains(m.ClientId), ct);
        if (found != clientIds.Count)
            throw new InvalidOperationException($"Only {found} of {clientIds.Count} sampled posted readings are stored.");
        result.Note($"Checked: {found} sampled posted readings are stored (with triage).");
    }
}
