using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Varde.Bench;

/// <summary>
/// B4: memory under the national peak rate. 70 single Observation writes and 40 timeline reads a second for 10 minutes
/// (quick: 1 minute), paced, while the server's resident memory is sampled every 5 seconds. Flat means the average of
/// the last fifth is within ±10 % of the average of the second fifth (the first is warm-up).
/// </summary>
public static class B4Soak
{
    public static async Task<BenchResult> RunAsync(bool quick, CancellationToken ct)
    {
        var result = new BenchResult("b4-memory", "Memory over a soak at national peak rate", quick);
        var duration = quick ? TimeSpan.FromSeconds(40) : TimeSpan.FromMinutes(10);
        const int writesPerSecond = 70;
        const int readsPerSecond = 40;
        var data = LoadData.For(2_000, storedDays: 7, freshReadings: (int)(writesPerSecond * duration.TotalSeconds * 1.1));
        var database = await Database.NewPostgresAsync("varde_b4", ct);
        result.Note("Stored before the run: " + await ServerProcess.GenerateAsync(database, data.GenerateArgs, ct));
        await using var server = await ServerProcess.StartAsync(database, ct);
        using var gateway = await VardeClient.GatewayAsync(server.BaseUrl, 32, ct);
        using var nurse = await VardeClient.NurseAsync(server.BaseUrl, 32, ct);
        var bodies = LoadData.SinglesOf(data.Fresh);
        var patients = data.Population.Patients.Where(p => p.ServiceId == data.ServiceId).Select(p => p.Patient.Id).ToList();
        var from = DateTimeOffset.UtcNow.AddDays(-30).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        using var sampler = new MemorySampler(server, TimeSpan.FromSeconds(5));
        var writes = new Latencies();
        var reads = new Latencies();
        var failures = 0;
        var cost = await PhaseCost.StartAsync("Soak: 70 writes/s + 40 reads/s", server, database, "measurements", ct);
        var clock = Stopwatch.StartNew();
        var halfway = Task.Run(async () =>
        {
            await Task.Delay(duration / 2, ct);
            await cost.HalfwayAsync(ct);
        }, ct);

        async Task PacedAsync(int perSecond, Func<int, Task> work)
        {
            var pending = new List<Task>();
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                var wait = due - clock.Elapsed; // read once: it moves on between two reads
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                pending.Add(work(i));
                pending.RemoveAll(t => t.IsCompleted);
            }

            await Task.WhenAll(pending);
        }

        async Task Timed(Latencies into, Func<Task<HttpResponseMessage>> send)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await send();
            into.Add(Stopwatch.GetElapsedTime(started));
            if (!response.IsSuccessStatusCode)
                Interlocked.Increment(ref failures);
        }

        await Task.WhenAll(
            PacedAsync(writesPerSecond, i => Timed(writes, () => gateway.PostAsync("/fhir/Observation", new StringContent(bodies[i % bodies.Count], Encoding.UTF8, "application/fhir+json"), ct))),
            PacedAsync(readsPerSecond, i => Timed(reads, () => nurse.GetAsync($"/api/patients/{patients[i % patients.Count]}/measurements?from={from}", ct))));
        var peak = sampler.Stop();
        result.Note($"{sampler.LargestNote()}; at the end: {await server.GcMemoryAsync(ct)}.");
        await halfway;
        result.AddCosts(await cost.StopAsync(ct));

        var rss = sampler.Samples.Select(s => s.RssMb).ToList();
        var fifth = Math.Max(1, rss.Count / 5);
        var early = rss.Skip(fifth).Take(fifth).Average();
        var late = rss.Skip(rss.Count - fifth).Average();
        var change = (late - early) / early;
        result.Add("Writes/s achieved", writes.Count / clock.Elapsed.TotalSeconds, "req/s", "70");
        result.Add("Reads/s achieved", reads.Count / clock.Elapsed.TotalSeconds, "req/s", "40");
        result.Add("Failed requests", failures, "count", "0", failures == 0);
        result.Add("Write latency p99", writes.Percentile(99), "ms");
        result.Add("Read latency p99", reads.Percentile(99), "ms");
        result.Add("RSS after warm-up (2nd fifth, mean)", early, "MB");
        result.Add("RSS at the end (last fifth, mean)", late, "MB");
        result.Add("Change over the soak", change * 100, "%", "±10", Math.Abs(change) <= 0.10);
        result.Add("Peak RSS (VmHWM)", peak, "MB", "≤ 400", peak <= 400);
        result.Note("Cost per reading: the server's CPU and allocations over the soak divided by the readings stored, so the 40 reads/s are included.");
        result.Note("RSS samples (MB, every 5 s): " + string.Join(", ", rss.Select(r => r.ToString("N0", CultureInfo.InvariantCulture))));
        return result;
    }
}
