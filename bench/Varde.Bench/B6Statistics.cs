using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Varde.Bench;

/// <summary>
/// B6: the leaders' statistics at national scale. With a generated population (full: 100,000 patients with pathways in
/// the generator's mix, registry extracts for one in ten whose year is over, 30 days of readings; quick: 3,000 and 7
/// days) a leader asks for each dashboard the Statistikk screen shows, over HTTP, for the installation and for one
/// service: activity for the year so far, the work figures by month, the benefits, and net cost and benefit. Each
/// dashboard's first request (cold) and the slowest of the next three (warm-up: the JIT still tiering up, the heap still
/// growing) are reported apart; then p95 of 20 sequential requests (a server that has been running), and the server's
/// CPU per request. Until 2026-12-07 the warm-up requests were counted in the 20. The baseline,
/// measured in the same run, is reading the rows the figures are made from (patients and pathways) with plain Npgsql.
/// </summary>
public static class B6Statistics
{
    public static async Task<BenchResult> RunAsync(bool quick, CancellationToken ct)
    {
        var result = new BenchResult("b6-statistics", "Statistics at national scale (PostgreSQL)", quick);
        var patients = quick ? 3_000 : 100_000;
        var data = LoadData.For(patients, storedDays: quick ? 7 : 30, freshReadings: 0);
        var database = await Database.NewPostgresAsync("varde_b6", ct);
        Console.WriteLine($"[b6] generating {patients:N0} patients …");
        var clock = Stopwatch.StartNew();
        var generated = await ServerProcess.GenerateAsync(database, data.GenerateArgs, ct);
        result.Note($"Generated in {clock.Elapsed.TotalMinutes:N1} min: {generated}");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var analyse = new NpgsqlCommand("ANALYZE", connection);
            await analyse.ExecuteNonQueryAsync(ct);
            foreach (var table in new[] { "patients", "pathways", "measurements", "service_use_months" })
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                result.Add($"Rows in {table}", Convert.ToDouble(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture), "rows");
            }
        }

        var samples = quick ? 5 : 20;
        var baseline = await BaselineAsync(database, samples, ct);
        result.Add("Baseline: read patients and pathways with Npgsql, p50", baseline, "ms");

        await using var server = await ServerProcess.StartAsync(database, ct);
        using var leader = await VardeClient.LeaderAsync(server.BaseUrl, ct);
        var service = data.ServiceId;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var year = $"from={today.Year}-01-01&to={today:yyyy-MM-dd}";
        var dashboards = new (string What, string Url)[]
        {
            ("Activity, installation, year so far", $"/api/statistics/activity?{year}"),
            ("Activity, one service, year so far", $"/api/statistics/activity?{year}&service={service}"),
            ("Work by month, installation", $"/api/statistics/work?{year}&interval=month"),
            ("Work by month, one service", $"/api/statistics/work?{year}&interval=month&service={service}"),
            ("Benefits (12 months), installation", "/api/statistics/benefits?months=12"),
            ("Net cost and benefit, one service", $"/api/statistics/cost-benefit?service={service}&months=12"),
        };
        foreach (var (what, url) in dashboards)
        {
            var cold = await TimeAsync(leader, url, ct);
            var warmUp = TimeSpan.Zero;
            for (var i = 0; i < WarmUps; i++)
            {
                var took = await TimeAsync(leader, url, ct);
                warmUp = took > warmUp ? took : warmUp;
            }

            var warm = new Latencies();
            var cpuBefore = ProcessCpu.Of(server.Pid);
            for (var i = 0; i < samples; i++)
                warm.Add(await TimeAsync(leader, url, ct));
            var cpu = (ProcessCpu.Of(server.Pid) - cpuBefore).TotalMilliseconds / samples;
            result.Add($"{what}: first request", cold.TotalMilliseconds, "ms");
            result.Add($"{what}: slowest of the {WarmUps} warm-up requests", warmUp.TotalMilliseconds, "ms");
            result.Add($"{what}: p95", warm.Percentile(95), "ms", "≤ 1000", warm.Percentile(95) <= 1000);
            result.Add($"{what}: p50 ÷ baseline", warm.Percentile(50) / baseline, "×");
            result.Add($"{what}: server CPU per request", cpu, "ms");
            Console.WriteLine($"[b6] {what}: p95 {warm.Percentile(95):N0} ms");
        }

        result.Note("Each request reads the scope's patients and pathways (as rows, steps as days; ADR 0057) and computes in memory; the work figures count reports " +
                    "from the summary by hour the generator wrote (as the server's job would), and the reports after its watermark one by one.");
        return result;
    }

    // After the first request: a freshly started server's first requests of a dashboard took 2.9, 2.4 and 1.7 s and the
    // rest 0.56-0.68 s (activity for the installation, a plain Release build; docs/benchmarks.md).
    private const int WarmUps = 3;

    private static async Task<TimeSpan> TimeAsync(HttpClient http, string url, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(url, ct);
        _ = await response.Content.ReadAsByteArrayAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return elapsed;
    }

    // The rows the activity figures are made from, read as plainly as can be: the floor for a request that reads them. It
    // still reads the pathways' history, as in the runs before ADR 0057 (the requests now read step_days), so that the
    // ratios compare across runs.
    private static async Task<double> BaselineAsync(Database database, int samples, CancellationToken ct)
    {
        var times = new Latencies();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        for (var i = 0; i <= samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            long rows = 0;
            foreach (var sql in new[] { "SELECT id, legal_sex, birth_date, municipality_id, diagnoses, enrolled_at FROM patients",
                         "SELECT patient_id, referred_at, state, history FROM pathways" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    for (var c = 0; c < reader.FieldCount; c++)
                        _ = reader.GetValue(c);
                    rows++;
                }
            }

            if (i > 0) // the first read warms the cache
                times.Add(Stopwatch.GetElapsedTime(started));
        }

        return times.Percentile(50);
    }
}
