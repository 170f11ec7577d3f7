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
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var analyse = new NpgsqlCommand("ANALYZE", connection);
            await analyse.ExecuteNonQueryAsync(ct);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM measurements", connection);
            result.Add("Observations stored", Convert.ToDouble(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture), "rows");
        }

        await using var server = await ServerProcess.StartAsync(database, ct);
        using var nurse = await VardeClient.NurseAsync(server.BaseUrl, 4, ct);
        var service = data.ServiceId;
        // The service's patients who measure their pulse (all but those with diabetes alone).
        var own = data.Population.Patients.Where(p => p.ServiceId == service && p.Patient.Diagnoses != DiagnosisGroup.Diabetes).Select(p => p.Patient.Id).ToList();
        var samples = quick ? 60 : 150;
        var from = DateTimeOffset.UtcNow.AddDays(-90).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var pulse = MeasurementCatalogue.Get(MeasurementType.Pulse).Loinc;

        async Task MeasureAsync(string what, Func<Guid, string> url, double targetP95)
        {
            var cold = new Latencies();
            foreach (var id in own.Take(samples))
                cold.Add(await GetAsync(nurse, url(id), ct));
            var warm = new Latencies();
            for (var i = 0; i < samples; i++)
                warm.Add(await GetAsync(nurse, url(own[0]), ct));
            result.Add($"{what}: p95 cold (first read of each patient)", cold.Percentile(95), "ms", $"≤ {targetP95}", cold.Percentile(95) <= targetP95);
            result.Add($"{what}: p95 warm", warm.Percentile(95), "ms", $"≤ {targetP95}", warm.Percentile(95) <= targetP95);
            result.Add($"{what}: p50 warm", warm.Percentile(50), "ms");
        }

        // The worklist is one per service: cold is the first open after the server started, warm the ones after.
        var worklistCold = await GetAsync(nurse, $"/api/services/{service}/worklist", ct);
        var worklist = new Latencies();
        for (var i = 0; i < samples; i++)
            worklist.Add(await GetAsync(nurse, $"/api/services/{service}/worklist", ct));
        result.Add("Worklist: first open after start (cold)", worklistCold.TotalMilliseconds, "ms", "≤ 50", worklistCold.TotalMilliseconds <= 50);
        result.Add("Worklist: p95 warm", worklist.Percentile(95), "ms", "≤ 50", worklist.Percentile(95) <= 50);
        await MeasureAsync("Timeline 90 days", id => $"/api/patients/{id}/measurements?from={from}", 20);
        await MeasureAsync("FHIR Observation?patient&code&date", id => $"/fhir/Observation?patient=Patient/{id}&code=http://loinc.org|{pulse}&date=ge{from[..10]}", 20);

        await ExplainAsync(database, data, result, ct);
        return result;
    }

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
    private static async Task ExplainAsync(Database database, LoadData data, BenchResult result, CancellationToken ct)
    {
        var patient = data.Population.Patients[0].Patient.Id;
        var queries = new (string What, string Sql, string Index)[]
        {
            // Without a type, either index that starts with patient_id serves; PostgreSQL picks the smaller one.
            ("timeline", "SELECT * FROM measurements WHERE patient_id = @p AND effective_at >= now() - interval '90 days' ORDER BY effective_at DESC LIMIT 500",
                "ix_measurements_patient_id_"),
            ("FHIR search", "SELECT * FROM measurements WHERE patient_id = @p AND type = 'Pulse' AND effective_at >= now() - interval '30 days' ORDER BY effective_at",
                "ix_measurements_patient_id_type_effective_at"),
            ("worklist alerts", $"SELECT * FROM alerts WHERE service_id = '{data.ServiceId}' AND state IN ('Open', 'Acknowledged')", "ix_alerts_service_id_state"),
            // GetWorklist's query: the service's oldest reports not reviewed nor in an alert (not one patient's).
            ("worklist greens to review", "SELECT t.* FROM triage_records t JOIN patients p ON p.id = t.patient_id "
                + $"WHERE p.follow_up_service_id = '{data.ServiceId}' AND t.alert_id IS NULL AND t.reviewed_at IS NULL "
                + "AND t.outcome IN ('Green', 'NoThresholds') ORDER BY t.received_at LIMIT 500", "ix_triage_records_to_review"),
        };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        foreach (var (what, sql, index) in queries)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
            command.Parameters.AddWithValue("p", patient);
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    lines.Add(reader.GetString(0));
            var uses = lines.Any(l => l.Contains(index, StringComparison.Ordinal));
            result.Add($"Plan for {what} uses {index}", uses ? 1 : 0, "yes=1", "1", uses);
            result.Note($"EXPLAIN {what}: {string.Join(" | ", lines.Take(4).Select(l => l.Trim()))}");
        }
    }
}
