using System.Diagnostics;
using System.Runtime;
using System.Text;
using Npgsql;

namespace Varde.Bench;

/// <summary>
/// The baseline for single POSTs: a bare Kestrel endpoint on 127.0.0.1 that reads the body and does one INSERT of a
/// measurement-shaped row per request, with an Npgsql pool of the same size, hit by the same number of clients. It runs
/// as its own process (this program with <c>bare-endpoint</c>, the server's GC mode), so its CPU and allocations are
/// measured as the server's are.
/// </summary>
public static class BareInsertEndpoint
{
    private const string ConnectionVariable = "VARDE_BENCH_BARE_CONNECTION";
    private const string PatientVariable = "VARDE_BENCH_BARE_PATIENT";

    public static async Task<(double PerSecond, Latencies Latency, IReadOnlyList<Cost> Cost)> RunAsync(Database database, LoadData data, int requests, int clients, CancellationToken ct)
    {
        await using (var source = NpgsqlDataSource.Create(database.ConnectionString))
        await using (var create = source.CreateCommand("DROP TABLE IF EXISTS bench_single; CREATE TABLE bench_single (LIKE measurements INCLUDING ALL)"))
            await create.ExecuteNonQueryAsync(ct);

        await using var endpoint = await EndpointProcess.StartAsync(database.ConnectionString, data.Population.Patients[0].Patient.Id, ct);
        var body = LoadData.Json(LoadData.Observation(data.Fresh[0].Patient, data.Fresh[0].Reading));
        using var http = VardeClient.Create(endpoint.Url, clients);
        var latency = new Latencies();
        var next = -1;
        var cost = await PhaseCost.StartAsync("Baseline: bare endpoint, one INSERT each", endpoint, database, "bench_single", ct);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                if (i == requests / 2)
                    await cost.HalfwayAsync(ct);

                using var content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync("/insert", content, ct);
                response.EnsureSuccessStatusCode();
                latency.Add(Stopwatch.GetElapsedTime(started));
            }
        }, ct)));
        var seconds = clock.Elapsed.TotalSeconds;
        return (requests / seconds, latency, await cost.StopAsync(ct));
    }

    /// <summary>The endpoint itself, in its own process: prints its address, then serves until killed.</summary>
    public static async Task<int> ServeAsync()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable) ?? throw new InvalidOperationException(ConnectionVariable + " is not set.");
        var patient = Guid.Parse(Environment.GetEnvironmentVariable(PatientVariable) ?? throw new InvalidOperationException(PatientVariable + " is not set."));
        await using var source = NpgsqlDataSource.Create(connection);
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
            command.Parameters.AddWithValue(patient);
            command.Parameters.AddWithValue(Guid.NewGuid().ToString());
            command.Parameters.AddWithValue(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await command.ExecuteNonQueryAsync();
            return Results.Created();
        });
        // The runtime's totals, as the server's /metrics gives them.
        app.MapGet("/runtime", () => Results.Json(ThisProcess.Now()));
        await app.StartAsync();
        Console.WriteLine(app.Urls.First() + (GCSettings.IsServerGC ? " server-gc" : " workstation-gc"));
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>The endpoint's process, started with the server's environment for the GC.</summary>
    private sealed class EndpointProcess(Process process, string url, bool serverGc) : IMeasuredProcess, IAsyncDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri(url) };

        public string Name => "bare endpoint, " + (serverGc ? "server GC" : "wks GC");

        public string Url => url;

        public int Pid => process.Id;

        public static async Task<EndpointProcess> StartAsync(string connection, Guid patient, CancellationToken ct)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Varde.Bench.dll"));
            info.ArgumentList.Add("bare-endpoint");
            info.Environment[ConnectionVariable] = connection;
            info.Environment[PatientVariable] = patient.ToString();
            info.Environment["DOTNET_gcServer"] = ServerProcess.ServerGc ? "1" : "0"; // as the server runs
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the baseline endpoint.");
            var errors = process.StandardError.ReadToEndAsync(ct);
            var line = await process.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromMinutes(1), ct);
            if (line is null)
                throw new InvalidOperationException("The baseline endpoint stopped: " + await errors);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            var parts = line.Split(' ');
            return new EndpointProcess(process, parts[0], parts[1] == "server-gc");
        }

        public async Task<RuntimeTotals?> RuntimeTotalsAsync(CancellationToken ct) =>
            await _http.GetFromJsonAsync<RuntimeTotals>("/runtime", ct);

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }
}
