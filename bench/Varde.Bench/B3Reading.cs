using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;

namespace Varde.Bench;

/// <summary>
/// B3: reading at scale. With a generated population (full: 100,000 patients, about 10 million observations; quick:
/// 10,000 and 1 million) the nurse opens her service's worklist, a patient's 90-day timeline, and a FHIR search
/// Observation?patient=&amp;code=&amp;date=ge, over HTTP. Cold: each request for a patient not read before in the run;
/// warm: the same patient again. The query plans of the equivalent SQL are shown, to see the intended index used.
/// </summary>
public static class B3Reading
{
    public static async Task<BenchResult> RunAsync(bool quick, CancellationToken ct)
    {
        var result = new BenchResult("b3-reading", "Reading at scale (PostgreSQL)", quick);
        var patients = quick ? 3_000 : 100_000;
        // VARDE_BENCH_B3_DAYS: a longer past (more months, more rows) than the 30 days of the standard run.
        var days = int.TryParse(Environment.GetEnvironmentVariable("VARDE_BENCH_B3_DAYS"), out var d) && d > 0 ? d : 30;
        var data = LoadData.For(patients, storedDays: days, freshReadings: 0);
        var database = await Database.NewPostgresAsync("varde_b3", ct);
        Console.WriteLine($"[b3] generating {patients:N0} patients × {days} days …");
        var clock = Stopwatch.StartNew();
        var generated = await ServerProcess.GenerateAsync(database, data.GenerateArgs, ct);
        result.Note($"Generated in {clock.Elapsed.TotalMinutes:N1} min: {generated}");
        Console.WriteLine($"[b3] {result.Notes[^1]}");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var analyse = new NpgsqlCommand("ANALYZE", connection);
            await analyse.ExecuteNonQueryAsync(ct);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM measurements", connection);
            result.Add("Observations stored", Convert.ToDouble(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture), "rows");
        }

        // VARDE_BENCH_B3_COMPARE=1: the same rows also in single tables (the layout before ADR 0055), read in the same run
        // by the same server build: partitioned, single, partitioned again (other patients each round, so each is cold).
        if (Environment.GetEnvironmentVariable("VARDE_BENCH_B3_COMPARE") != "1" || SingleTables.Wanted)
        {
            await ReadAsync(database, data, result, "", 0, quick, ct);
            await ExplainAsync(database, data, result, "", ct);
            return result;
        }

        result.Layout = "both: monthly partitions and single tables (VARDE_BENCH_B3_COMPARE=1)";
        clock.Restart();
        var single = await SingleTables.CopyAsync(database, "varde_b3_single", ct);
        result.Note($"Single-table copy made in {clock.Elapsed.TotalMinutes:N1} min (CREATE DATABASE … TEMPLATE, then MonthlyPartitions' Down)");
        Console.WriteLine($"[b3] {result.Notes[^1]}");
        // Both alike before reading: every row frozen and its pages all-visible (no hint bits left for the first reader
        // to write, no autovacuum of the fresh rows during the rounds), and written out.
        foreach (var layout in new[] { database, single })
        {
            await using var connection = new NpgsqlConnection(layout.ConnectionString);
            await connection.OpenAsync(ct);
            await using var vacuum = new NpgsqlCommand("VACUUM (FREEZE, ANALYZE)", connection) { CommandTimeout = 0 };
            await vacuum.ExecuteNonQueryAsync(ct);
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 0 };
            await checkpoint.ExecuteNonQueryAsync(ct);
        }

        await ReadAsync(database, data, result, "Monthly partitions: ", 0, quick, ct);
        await ReadAsync(single, data, result, "Single tables: ", 1, quick, ct);
        await ReadAsync(database, data, result, "Monthly partitions, again: ", 2, quick, ct);
        await ExplainAsync(database, data, result, "Monthly partitions: ", ct);
        await ExplainAsync(single, data, result, "Single tables: ", ct);
        return result;
    }

    // One round of reads with its own server: the worklist, timelines and FHIR searches; round r reads other patients.
    private static async Task ReadAsync(Database database, LoadData data, BenchResult result, string layout, int round, bool quick, CancellationToken ct)
    {
        await using var server = await ServerProcess.StartAsync(database, ct);
        using var nurse = await VardeClient.NurseAsync(server.BaseUrl, 4, ct);
        // What the server does once started (its jobs' first runs) is not the requests' cost.
        await PhaseCost.SettleAsync(server.Pid, ct);
        var service = data.ServiceId;
        var own = Own(data);
        var samples = quick ? 60 : 150;
        if (own.Count <= Rounds * samples)
            throw new InvalidOperationException($"Service 1 has {own.Count} patients with pulse readings; {Rounds} rounds of {samples} others and one for EXPLAIN need more.");
        var these = own.Skip(round * samples).Take(samples).ToList();
        var from = DateTimeOffset.UtcNow.AddDays(-90).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var pulse = MeasurementCatalogue.Get(MeasurementType.Pulse).Loinc;

        // Server and PostgreSQL CPU per request (stable on a shared machine, unlike the clock).
        async Task<Latencies> TimedAsync(string what, IEnumerable<string> urls)
        {
            var latencies = new Latencies();
            var (serverBefore, postgresBefore) = (ProcessCpu.Of(server.Pid), await PhaseCost.PostgresCpuAsync(database, ct));
            foreach (var url in urls)
                latencies.Add(await GetAsync(nurse, url, ct));
            var (serverAfter, postgresAfter) = (ProcessCpu.Of(server.Pid), await PhaseCost.PostgresCpuAsync(database, ct));
            result.Add($"{layout}{what}: server CPU per request", Math.Round((serverAfter - serverBefore).TotalMicroseconds / latencies.Count), "µs");
            if (postgresBefore is { } a && postgresAfter is { } b)
                result.Add($"{layout}{what}: PostgreSQL CPU per request", Math.Round((b - a).TotalMicroseconds / latencies.Count), "µs");
            return latencies;
        }

        async Task MeasureAsync(string what, Func<Guid, string> url, double targetP95)
        {
            var cold = await TimedAsync($"{what} cold", these.Select(url));
            var warm = await TimedAsync($"{what} warm", Enumerable.Repeat(url(these[0]), samples));
            result.Add($"{layout}{what}: p95 cold (first read of each patient)", cold.Percentile(95), "ms", $"≤ {targetP95}", cold.Percentile(95) <= targetP95);
            result.Add($"{layout}{what}: p95 warm", warm.Percentile(95), "ms", $"≤ {targetP95}", warm.Percentile(95) <= targetP95);
            result.Add($"{layout}{what}: p50 warm", warm.Percentile(50), "ms");
        }

        // The worklist is one per service: cold is the first open after the server started, warm the ones after.
        var worklistUrl = $"/api/services/{service}/worklist";
        var worklistCold = await GetAsync(nurse, worklistUrl, ct);
        var worklist = await TimedAsync("Worklist warm", Enumerable.Repeat(worklistUrl, samples));
        result.Add($"{layout}Worklist: first open after start (cold)", worklistCold.TotalMilliseconds, "ms", "≤ 50", worklistCold.TotalMilliseconds <= 50);
        result.Add($"{layout}Worklist: p95 warm", worklist.Percentile(95), "ms", "≤ 50", worklist.Percentile(95) <= 50);
        await MeasureAsync("Timeline 90 days", id => $"/api/patients/{id}/measurements?from={from}", 20);
        await MeasureAsync("FHIR Observation?patient&code&date", id => $"/fhir/Observation?patient=Patient/{id}&code=http://loinc.org|{pulse}&date=ge{from[..10]}", 20);
    }

    private const int Rounds = 3;

    // The service's patients who measure their pulse (all but those with diabetes alone).
    private static List<Guid> Own(LoadData data) =>
        [.. data.Population.Patients.Where(p => p.ServiceId == data.ServiceId && p.Patient.Diagnoses != DiagnosisGroup.Diabetes).Select(p => p.Patient.Id)];

    private static async Task<TimeSpan> GetAsync(HttpClient http, string url, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, ct);
        _ = await response.Content.ReadAsByteArrayAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
        return elapsed;
    }

    // The SQL the slices' queries amount to; the plan must use the index named for it.
    private static async Task ExplainAsync(Database database, LoadData data, BenchResult result, string layout, CancellationToken ct)
    {
        // A patient no round reads, so each layout's EXPLAIN starts from the same (unread) pages.
        var patient = Own(data)[^1];
        var queries = new (string What, string Sql, string Index)[]
        {
            // Without a type, either index that starts with patient_id serves; PostgreSQL picks the smaller one.
            ("timeline", "SELECT * FROM measurements WHERE patient_id = @p AND effective_at >= now() - interval '90 days' ORDER BY effective_at DESC LIMIT 500",
                "ix_measurements_patient_id_"),
            ("FHIR search", "SELECT * FROM measurements WHERE patient_id = @p AND type = 'Pulse' AND effective_at >= now() - interval '30 days' ORDER BY effective_at",
                "ix_measurements_patient_id_type_effective_at"),
            ("worklist alerts", $"SELECT * FROM alerts WHERE service_id = '{data.ServiceId}' AND state IN ('Open', 'Acknowledged')", "ix_alerts_service_id_state"),
            // GetWorklist's query: the service's oldest reports not reviewed nor in an alert (not one patient's).
            ("worklist greens to review", $"SELECT * FROM triage_records WHERE service_id = '{data.ServiceId}' AND alert_id IS NULL "
                + "AND reviewed_at IS NULL AND outcome IN ('Green', 'NoThresholds') ORDER BY received_at LIMIT 500", "ix_triage_records_to_review"),
        };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var (what, sql, index) in queries)
        {
            // Three times on one connection: the first plans with cold catalog caches and reads unread pages, the third is warm.
            var runs = new List<List<string>>();
            for (var run = 0; run < 3; run++)
            {
                await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, SUMMARY) " + sql, connection);
                command.Parameters.AddWithValue("p", patient);
                var plan = new List<string>();
                await using (var reader = await command.ExecuteReaderAsync(ct))
                    while (await reader.ReadAsync(ct))
                        plan.Add(reader.GetString(0));
                runs.Add(plan);
            }

            var lines = runs[0];
            var uses = lines.Any(l => l.Contains(index, StringComparison.Ordinal));
            result.Add($"{layout}Plan for {what} uses {index}", uses ? 1 : 0, "yes=1", "1", uses);
            foreach (var (run, which) in new[] { (runs[0], "first"), (runs[2], "third") })
                foreach (var time in new[] { "Planning Time", "Execution Time" })
                    if (run.FirstOrDefault(l => l.StartsWith(time, StringComparison.Ordinal)) is { } line)
                        result.Add($"{layout}{what}: {time.ToLowerInvariant()}, {which} EXPLAIN ANALYZE", double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2], CultureInfo.InvariantCulture), "ms");
            result.Note($"{layout}EXPLAIN {what}: {string.Join(" | ", lines.Take(6).Select(l => l.Trim()))}");
        }
    }
}
