using System.Diagnostics;
using System.Threading.Channels;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Server.Generator;

/// <summary>What a generation wrote, and how long it took.</summary>
public sealed record GenerationReport(int Patients, long Readings, long DuplicatesSkipped, long TriageRecords, long Alerts, TimeSpan Elapsed)
{
    public double ReadingsPerSecond => Readings / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>
/// Writes a synthetic population into a Varde database as Varde would have stored it: organisations, staff, patients
/// and their approved plans through EF; each patient's readings triaged in time order with the real engine and alert
/// routing (<see cref="PastTriage"/>), on every core; measurements and triage records through the bulk path
/// (<see cref="BulkWriter"/>), alerts through EF. A resend is stored once, as the idempotent intake would.
/// </summary>
public static class SyntheticWriter
{
    private const int FlushRows = 100_000;

    public static async Task<GenerationReport> WriteAsync(Func<VardeDbContext> newContext, SyntheticPopulation population, GeneratorOptions o,
        Action<string>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using (var db = newContext())
        {
            db.Organisations.AddRange(population.Organisations);
            db.StaffMembers.AddRange(population.Staff);
            await db.SaveChangesAsync(ct);
            foreach (var chunk in population.Patients.Chunk(5_000))
            {
                db.ChangeTracker.Clear();
                db.Patients.AddRange(chunk.Select(p => p.Patient));
                db.PlanVersions.AddRange(chunk.Select(p => p.Plan));
                db.Pathways.AddRange(chunk.Where(p => p.Pathway is not null).Select(p => p.Pathway!));
                await db.SaveChangesAsync(ct);
            }

            foreach (var chunk in population.Patients.SelectMany(p => p.Use ?? []).Chunk(50_000))
                await BulkWriter.WriteAsync(db, chunk, ct);
        }

        var results = Channel.CreateBounded<(Guid PatientId, PastTriage.Result Result, int Duplicates)>(new BoundedChannelOptions(256) { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(population.Patients, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
                    async (p, token) =>
                    {
                        var (result, duplicates) = Triage(p, o);
                        await results.Writer.WriteAsync((p.Patient.Id, result, duplicates), token);
                    });
            }
            finally
            {
                results.Writer.Complete();
            }
        }, ct);

        long readings = 0, duplicates = 0, records = 0, alerts = 0;
        var measurementBuffer = new List<Measurement>(FlushRows + 1_000);
        var recordBuffer = new List<TriageRecord>(FlushRows + 1_000);
        var alertBuffer = new List<Alert>();
        var stateBuffer = new List<PatientTriageState>();
        var patientsDone = 0;
        await using (var db = newContext())
        {
            async Task FlushAsync()
            {
                await BulkWriter.WriteAsync(db, measurementBuffer, ct);
                await BulkWriter.WriteAsync(db, recordBuffer, ct);
                db.ChangeTracker.Clear();
                db.Alerts.AddRange(alertBuffer);
                db.TriageStates.AddRange(stateBuffer);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                readings += measurementBuffer.Count;
                records += recordBuffer.Count;
                alerts += alertBuffer.Count;
                measurementBuffer.Clear();
                recordBuffer.Clear();
                alertBuffer.Clear();
                stateBuffer.Clear();
                progress?.Invoke($"{patientsDone:N0}/{population.Patients.Count:N0} patients, {readings:N0} readings, {clock.Elapsed.TotalSeconds:N0} s");
            }

            await foreach (var (patientId, result, skipped) in results.Reader.ReadAllAsync(ct))
            {
                measurementBuffer.AddRange(result.Measurements);
                recordBuffer.AddRange(result.Records);
                alertBuffer.AddRange(result.Alerts);
                stateBuffer.Add(new PatientTriageState { PatientId = patientId, Version = 1, UpdatedAt = o.End,
                    State = Features.Triage.TriageStates.Write(result.State) });
                duplicates += skipped;
                patientsDone++;
                if (measurementBuffer.Count >= FlushRows)
                    await FlushAsync();
            }

            await FlushAsync();
        }

        await producer;
        return new GenerationReport(population.Patients.Count, readings, duplicates, records, alerts, clock.Elapsed);
    }

    /// <summary>One patient's series, triaged as intake would have (resends dropped: the intake keeps one per client id).</summary>
    public static (PastTriage.Result Result, int Duplicates) Triage(SyntheticPatient p, GeneratorOptions o)
    {
        var (readings, _) = SyntheticSeries.For(p, o);
        var arrivals = readings.Where(r => !r.Duplicate)
            .Select((r, k) => new PastTriage.Arrival(Deterministic.Id(o.Seed, "measurement", ((long)p.Index << 24) + k), r.Input, r.ReceivedAt)).ToList();
        var alertNumber = 0;
        var result = PastTriage.Build(p.Patient, [p.Plan], arrivals, [], "generator", p.NurseId, o.End,
            () => Deterministic.Id(o.Seed, "alert", ((long)p.Index << 24) + alertNumber++), Varde.Domain.Questionnaires.QuestionnaireCatalogue.Empty);
        return (result, readings.Count - arrivals.Count);
    }
}
