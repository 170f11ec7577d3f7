using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Varde.Bench;

/// <summary>
/// The baseline for single POSTs: a bare Kestrel endpoint on 127.0.0.1 that reads the body and does one INSERT of a
/// measurement-shaped row per request, with an Npgsql pool of the same size, hit by the same number of clients.
/// </summary>
public static class BareInsertEndpoint
{
    public static async Task<(double PerSecond, Latencies Latency)> RunAsync(Database database, LoadData data, int requests, int clients, CancellationToken ct)
    {
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        await using (var create = source.CreateCommand("DROP TABLE IF EXISTS bench_single; CREATE TABLE bench_single (LIKE measurements INCLUDING ALL)"))
            await create.ExecuteNonQueryAsync(ct);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/insert", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            await using var command = source.CreateCommand(
                "INSERT INTO bench_single (id, patient_id, client_id, type, value, unit, original_value, original_unit, effective_at, received_at, recorded_by, triage_outcome, triage_rule_id, triage_rule_version, triage_inputs, triage_explanation_nb, triage_explanation_en) " +
                "VALUES ($1, $2, $3, 'Pulse', 70, '/min', 70, '/min', now(), now(), 'bench', 'Green', 'bench', 1, '[]', $4, '')");
            command.Parameters.AddWithValue(Guid.CreateVersion7());
            command.Parameters.AddWithValue(data.Population.Patients[0].Patient.Id);
            command.Parameters.AddWithValue(Guid.NewGuid().ToString());
            command.Parameters.AddWithValue(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync();
            return Results.Created();
        });
        await app.StartAsync(ct);
        var url = app.Urls.First();

        var body = LoadData.Json(LoadData.Observation(data.Fresh[0].Patient, data.Fresh[0].Reading));
        using var http = VardeClient.Create(url, clients);
        var latency = new Latencies();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/insert", content, ct);
                response.EnsureSuccessStatusCode();
                latency.Add(Stopwatch.GetElapsedTime(started));
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        await app.StopAsync(ct);
        return (requests / seconds, latency);
    }
}
