using System.Data.Common;
using System.Diagnostics;
using Npgsql;

namespace Varde.Bench;

/// <summary>
/// The runtime's own running totals in a process: bytes allocated, time spent compiling (JIT) and methods compiled,
/// its CPU time (a cross-check of /proc), the time its threads stood paused for garbage collections and how many
/// collections reached generation 2 (the expensive ones).
/// </summary>
public sealed record RuntimeTotals(long AllocatedBytes, double JitSeconds, long JitMethods, double CpuSeconds, double GcPauseSeconds, long Gen2Collections);

/// <summary>A process whose cost is measured: its id, and its runtime totals when it reports them (null when not).</summary>
public interface IMeasuredProcess
{
    /// <summary>What the process is, for the results ("server", "bench", "baseline endpoint").</summary>
    string Name { get; }

    int Pid { get; }

    Task<RuntimeTotals?> RuntimeTotalsAsync(CancellationToken ct);
}

/// <summary>The bench's own process (for the in-process baselines: COPY, prepared INSERTs).</summary>
public sealed class ThisProcess : IMeasuredProcess
{
    public static ThisProcess Instance { get; } = new();

    public string Name => "bench";

    public int Pid => Environment.ProcessId;

    public Task<RuntimeTotals?> RuntimeTotalsAsync(CancellationToken ct) =>
        Task.FromResult<RuntimeTotals?>(Now());

    /// <summary>This process's totals.</summary>
    public static RuntimeTotals Now() => new(GC.GetTotalAllocatedBytes(precise: true), System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,
        System.Runtime.JitInfo.GetCompiledMethodCount(), Environment.CpuUsage.TotalTime.TotalSeconds, GC.GetTotalPauseDuration().TotalSeconds,
        GC.CollectionCount(2));
}

/// <summary>
/// What one phase of a benchmark cost per reading stored: the process's CPU time (µs), the bytes it allocated (KB =
/// 1,024 bytes), the part of the CPU spent compiling (JIT, µs) and, on PostgreSQL, the CPU of the whole cluster (µs).
/// Readings are counted in the database (rows of <c>table</c> before and after), not as requests sent.
/// <see cref="JitSeconds"/> is the runtime's clock time in the JIT: on a busy machine it includes time the compiling
/// thread waited for a core, so it can exceed the CPU; <see cref="JitMethods"/> (methods compiled) does not depend on
/// the machine. <see cref="RuntimeCpuSeconds"/> is the runtime's own count of the process's CPU, to check /proc against.
/// <see cref="GcPauseSeconds"/> is how long the process stood paused for garbage collections during the phase (clock
/// time, with workstation GC about the CPU the collections took), <see cref="Gen2Collections"/> how many were full ones.
/// </summary>
public sealed record Cost(string Phase, string Process, long Readings, double Seconds, double CpuSeconds, long? AllocatedBytes, double? JitSeconds,
    long? JitMethods, double? PostgresCpuSeconds, double? RuntimeCpuSeconds, double? GcPauseSeconds = null, long? Gen2Collections = null)
{
    /// <summary>The share of the phase's clock time the process stood paused for garbage collections (%).</summary>
    public double? GcPausePercent => GcPauseSeconds is { } g && Seconds > 0 ? Math.Round(100 * g / Seconds, 1) : null;

    public double CpuMicrosPerReading => PerReading(CpuSeconds * 1e6);

    public double? KbPerReading => AllocatedBytes is { } b ? PerReading(b / 1024.0) : null;

    public double? JitMicrosPerReading => JitSeconds is { } j ? PerReading(j * 1e6) : null;

    public double? PostgresCpuMicrosPerReading => PostgresCpuSeconds is { } p ? PerReading(p * 1e6) : null;

    /// <summary>Cores the process kept busy on average over the phase.</summary>
    public double CoresBusy => Seconds > 0 ? Math.Round(CpuSeconds / Seconds, 2) : double.NaN;

    private double PerReading(double total) => Readings > 0 ? Math.Round(total / Readings, 2) : double.NaN;
}

/// <summary>
/// Measures one phase: <see cref="StartAsync"/> before the load, <see cref="StopAsync"/> after it. A phase that has
/// <see cref="HalfwayAsync"/> called when half its work is sent also gives its second half alone, which leaves out
/// most of the start-up work (the JIT compiling and re-compiling the code the phase runs first).
/// </summary>
public sealed class PhaseCost
{
    private static readonly Dictionary<string, int> s_postmasters = [];
    private readonly string _phase;
    private readonly IMeasuredProcess _process;
    private readonly Database _database;
    private readonly string _table;
    private readonly Snapshot _start;
    private Snapshot? _halfway;

    private PhaseCost(string phase, IMeasuredProcess process, Database database, string table, Snapshot start) =>
        (_phase, _process, _database, _table, _start) = (phase, process, database, table, start);

    /// <summary>Counts the rows first, then reads the CPU and runtime totals, so the count's own cost is outside the phase.</summary>
    public static async Task<PhaseCost> StartAsync(string phase, IMeasuredProcess process, Database database, string table, CancellationToken ct)
    {
        var rows = await CountAsync(database, table, ct);
        var postgres = await PostgresCpuAsync(database, ct);
        var runtime = await process.RuntimeTotalsAsync(ct);
        // The clock time of each phase's start, to line a profile (perf, dotnet-trace) up with the phase.
        Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {phase} …");
        return new PhaseCost(phase, process, database, table, new Snapshot(rows, ProcessCpu.Of(process.Pid), runtime, postgres, Stopwatch.GetTimestamp()));
    }

    /// <summary>Takes the halfway snapshot (under load: the totals first, then the rows stored by then).</summary>
    public async Task HalfwayAsync(CancellationToken ct)
    {
        var at = Stopwatch.GetTimestamp();
        var cpu = ProcessCpu.Of(_process.Pid);
        var runtime = await _process.RuntimeTotalsAsync(ct);
        var postgres = await PostgresCpuAsync(_database, ct);
        _halfway = new Snapshot(await CountAsync(_database, _table, ct), cpu, runtime, postgres, at);
    }

    /// <summary>
    /// Waits until the process is idle (work left after the last answer, such as the outbox, belongs to the phase),
    /// reads the totals, then counts the rows. The whole phase, then its second half when there was a halfway snapshot.
    /// </summary>
    public async Task<IReadOnlyList<Cost>> StopAsync(CancellationToken ct)
    {
        await SettleAsync(_process.Pid, ct);
        var cpu = ProcessCpu.Of(_process.Pid);
        var at = Stopwatch.GetTimestamp();
        var runtime = await _process.RuntimeTotalsAsync(ct);
        var postgres = await PostgresCpuAsync(_database, ct);
        var end = new Snapshot(await CountAsync(_database, _table, ct), cpu, runtime, postgres, at);
        return _halfway is null ? [Between(_phase, _start, end)] : [Between(_phase, _start, end), Between(_phase + ": second half", _halfway, end)];
    }

    private Cost Between(string phase, Snapshot a, Snapshot b)
    {
        var runtime = a.Runtime is not null && b.Runtime is not null;
        return new Cost(phase, _process.Name, b.Rows - a.Rows, Math.Round(Stopwatch.GetElapsedTime(a.At, b.At).TotalSeconds, 2),
            Math.Round((b.Cpu - a.Cpu).TotalSeconds, 3),
            runtime ? b.Runtime!.AllocatedBytes - a.Runtime!.AllocatedBytes : null,
            runtime ? Math.Round(b.Runtime!.JitSeconds - a.Runtime!.JitSeconds, 3) : null,
            runtime ? b.Runtime!.JitMethods - a.Runtime!.JitMethods : null,
            b.Postgres - a.Postgres is { } p ? Math.Round(p.TotalSeconds, 3) : null,
            runtime ? Math.Round(b.Runtime!.CpuSeconds - a.Runtime!.CpuSeconds, 3) : null,
            runtime ? Math.Round(b.Runtime!.GcPauseSeconds - a.Runtime!.GcPauseSeconds, 3) : null,
            runtime ? b.Runtime!.Gen2Collections - a.Runtime!.Gen2Collections : null);
    }

    private sealed record Snapshot(long Rows, TimeSpan Cpu, RuntimeTotals? Runtime, TimeSpan? Postgres, long At);

    /// <summary>Waits (at most 15 s) until the process used under 5 % of a core over half a second.</summary>
    public static async Task SettleAsync(int pid, CancellationToken ct)
    {
        if (pid == Environment.ProcessId)
            return;
        var window = TimeSpan.FromMilliseconds(500);
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(15);)
        {
            var before = ProcessCpu.Of(pid);
            await Task.Delay(window, ct);
            if ((ProcessCpu.Of(pid) - before) < window * 0.05)
                return;
        }
    }

    private static async Task<long> CountAsync(Database database, string table, CancellationToken ct)
    {
        await using var connection = database.Provider == "Postgres"
            ? (DbConnection)new NpgsqlConnection(database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + table;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The bench cluster's CPU: its postmaster (found as a backend's parent) and every process under it.</summary>
    public static async Task<TimeSpan?> PostgresCpuAsync(Database database, CancellationToken ct)
    {
        if (database.Provider != "Postgres")
            return null;
        if (!s_postmasters.TryGetValue(Database.AdminConnection, out var postmaster))
        {
            await using var connection = new NpgsqlConnection(Database.AdminConnection);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
            var backend = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            var stat = await File.ReadAllTextAsync($"/proc/{backend}/stat", ct);
            postmaster = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            s_postmasters[Database.AdminConnection] = postmaster;
        }

        return ProcessCpu.OfTree(postmaster);
    }
}
