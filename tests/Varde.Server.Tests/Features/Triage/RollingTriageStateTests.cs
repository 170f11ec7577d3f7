using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Triage;
using Varde.Server.Features.Triage;
using Varde.Server.Tests.Features.Alerts;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

using static Varde.Server.Tests.Features.Triage.GeneratedReadings;
using static Varde.Server.Tests.Infrastructure.FhirReadings;

namespace Varde.Server.Tests.Features.Triage;

/// <summary>
/// The rolling triage state through real HTTP on both providers (ADR 0018): readings that come in time order are
/// judged from it exactly as the look-back window judges them, in any order and batching the results are the same, the
/// state stored is always the state of everything stored, and deleting it loses nothing.
/// </summary>
public abstract class RollingTriageStateTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task FromTheState_AsFromTheWindow_OneAtATimeOrInBatches_AndTheStoredStateIsTheStateOfEverythingStored(int seed)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        var (inOrder, windowOnly, anyOrder, transaction, batches) = (await PatientAsync(), await PatientAsync(), await PatientAsync(), await PatientAsync(), await PatientAsync());
        var stream = Stream(seed, Now.AddDays(-15));
        var byTime = stream.OrderBy(r => r.At).ToList();

        foreach (var r in byTime)
            await PostJsonAsync(nurse, inOrder, r);
        foreach (var r in byTime)
        {
            await ForgetStateAsync(windowOnly);
            await PostJsonAsync(nurse, windowOnly, r);
        }

        foreach (var r in stream.OrderBy(_ => new Random(seed * 5).Next()))
            await PostJsonAsync(nurse, anyOrder, r);
        await PostBundleAsync(gateway, Bundle.BundleType.Transaction, stream.Select(r => Entry(Observation(transaction, r))));
        foreach (var chunk in byTime.Chunk(9))
            await PostBundleAsync(gateway, Bundle.BundleType.Transaction, chunk.Select(r => Entry(Observation(batches, r))));

        var judged = await JudgedAsync(app, inOrder);
        judged.Records.ShouldContain(r => r.Contains("|Red|", StringComparison.Ordinal));
        foreach (var other in new[] { windowOnly, anyOrder, transaction, batches })
        {
            var (records, alerts) = await JudgedAsync(app, other);
            records.ShouldBe(judged.Records);
            alerts.ShouldBe(judged.Alerts);
        }

        foreach (var patient in new[] { inOrder, windowOnly, anyOrder, transaction, batches })
        {
            var (stored, ofEverything) = await TriageStatesAsync(app, patient);
            stored.ShouldBe(ofEverything);
        }
    }

    [Fact]
    public async Task AReadingAfterEverythingStored_IsJudgedFromTheState_AndWithoutOne_FromTheWindow()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync();
        for (var day = 4; day >= 1; day--)
            await PostJsonAsync(nurse, patient, new($"w-{day}", "body-weight", 80.0m, "kg", Now.AddDays(-day)));

        // A state that remembers lighter weights than were stored: only a reading judged from it rises by 4 kg.
        await using (var db = app.Database.NewContext())
        {
            var row = await db.TriageStates.SingleAsync(s => s.PatientId == patient);
            var state = TriageStates.Read(row.State);
            row.State = TriageStates.Write(state with { Kept = [.. state.Kept.Select(k => k with { Report = k.Report with { Values = [76.0m] } })] });
            await db.SaveChangesAsync();
        }

        await PostJsonAsync(nurse, patient, new("w-0", "body-weight", 80.1m, "kg", Now.AddHours(-12)));
        (await OutcomeAsync(patient, "w-0")).ShouldBe(TriageOutcome.Red);

        await ForgetStateAsync(patient);
        await PostJsonAsync(nurse, patient, new("w-now", "body-weight", 80.2m, "kg", Now.AddMinutes(-5)));
        (await OutcomeAsync(patient, "w-now")).ShouldBe(TriageOutcome.Green);
        var (stored, ofEverything) = await TriageStatesAsync(app, patient);
        stored.ShouldBe(ofEverything);
    }

    [Fact]
    public async Task ALateReading_IsJudgedFromTheWindow_ChangesTheLaterOnes_AndTheStateFollows()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync();
        await PostJsonAsync(nurse, patient, new("w-today", "body-weight", 82.4m, "kg", Now.AddHours(-1)));
        await PostJsonAsync(nurse, patient, new("s-today", "oxygen-saturation", 96m, "%", Now.AddMinutes(-50)));
        (await OutcomeAsync(patient, "w-today")).ShouldBe(TriageOutcome.Green);

        await PostJsonAsync(nurse, patient, new("w-late", "body-weight", 80.0m, "kg", Now.AddDays(-2)));

        (await OutcomeAsync(patient, "w-today")).ShouldBe(TriageOutcome.Yellow);
        var (stored, ofEverything) = await TriageStatesAsync(app, patient);
        stored.ShouldBe(ofEverything);
        TriageStates.Read(stored).Kept.Select(k => k.Report.ClientId).ShouldBe(["w-late", "w-today", "s-today"]);
    }

    [Fact]
    public async Task AReadingALittleLate_IsJudgedFromTheState_AndTheLaterOnesItChangesAreJudgedAgain()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync();
        using var reads = new TriageReads(app);
        await PostJsonAsync(nurse, patient, new("w-3d", "body-weight", 80.0m, "kg", Now.AddDays(-3)));
        await PostJsonAsync(nurse, patient, new("w-new", "body-weight", 81.9m, "kg", Now.AddMinutes(-20)));
        await PostJsonAsync(nurse, patient, new("s-new", "oxygen-saturation", 96m, "%", Now.AddMinutes(-15)));
        (await OutcomeAsync(patient, "w-new")).ShouldBe(TriageOutcome.Green);

        // Measured 20 minutes before the newest weight, sent after it: the lowest in three days, so the newest is a rise of 2.9 kg.
        await PostJsonAsync(nurse, patient, new("w-late", "body-weight", 79.0m, "kg", Now.AddMinutes(-40)));

        (await OutcomeAsync(patient, "w-new")).ShouldBe(TriageOutcome.Yellow);
        reads.From("state-late").ShouldBe(1);
        reads.From("window").ShouldBe(1, "only the first reading, with no state yet");
        var (stored, ofEverything) = await TriageStatesAsync(app, patient);
        stored.ShouldBe(ofEverything);
    }

    /// <summary>Counts what intake judged from, in this app only (<c>varde.triage.reads</c>).</summary>
    private sealed class TriageReads : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public TriageReads(VardeApp app)
        {
            var meters = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "varde.triage.reads" && instrument.Meter.Scope == meters)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "from")
                        _counts.AddOrUpdate((string)tag.Value!, (int)value, (_, n) => n + (int)value);
                }
            });
            _listener.Start();
        }

        public int From(string path) => _counts.GetValueOrDefault(path);

        public void Dispose() => _listener.Dispose();
    }

    private Task<Guid> PatientAsync() => AlertWorld.PatientAsync(app, Now.AddDays(-20));

    private async Task ForgetStateAsync(Guid patient)
    {
        await using var db = app.Database.NewContext();
        await db.TriageStates.Where(s => s.PatientId == patient).ExecuteDeleteAsync();
    }

    private async Task<TriageOutcome> OutcomeAsync(Guid patient, string clientId)
    {
        await using var db = app.Database.NewContext();
        return await db.TriageRecords.Where(r => r.PatientId == patient && r.ClientId == clientId).Select(r => r.Outcome).SingleAsync();
    }
}

public sealed class RollingTriageStateOnSqliteTests(SqliteApp app) : RollingTriageStateTests(app), IClassFixture<SqliteApp>;

public sealed class RollingTriageStateOnPostgresTests(PostgresApp app) : RollingTriageStateTests(app), IClassFixture<PostgresApp>;
