using System.Globalization;
using System.Text.Json;

namespace Varde.Bench;

/// <summary>One figure of a benchmark: its value, unit, the target and whether it was met (null when it has no target).</summary>
public sealed record Figure(string Name, double Value, string Unit, string? Target = null, bool? Met = null);

/// <summary>A benchmark's result: figures, notes, the machine, written to bench/results/&lt;name&gt;.json and printed as a table.</summary>
public sealed class BenchResult(string name, string title, bool quick)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Name { get; } = name;

    public string Title { get; } = title;

    public bool Quick { get; } = quick;

    public DateTimeOffset RanAt { get; } = DateTimeOffset.UtcNow;

    public string Machine { get; } = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

    /// <summary>How measurements and triage records are stored in the PostgreSQL databases of the run (ADR 0055).</summary>
    public string Layout { get; set; } = SingleTables.Wanted ? "single tables (VARDE_BENCH_LAYOUT=single)" : "monthly partitions";

    public List<Figure> Figures { get; } = [];

    public List<string> Notes { get; } = [];

    /// <summary>What each phase cost per reading stored: CPU, allocations, PostgreSQL's CPU (docs/benchmarks.md).</summary>
    public List<Cost> Costs { get; } = [];

    public Figure Add(string figure, double value, string unit, string? target = null, bool? met = null)
    {
        var f = new Figure(figure, Math.Round(value, 3), unit, target, met);
        Figures.Add(f);
        return f;
    }

    public void Note(string note) => Notes.Add(note);

    public void AddCosts(IEnumerable<Cost> costs) => Costs.AddRange(costs);

    public async Task SaveAndPrintAsync(string resultsFolder)
    {
        Console.WriteLine();
        Console.WriteLine($"== {Name}: {Title}{(Quick ? " (quick)" : "")}; PostgreSQL tables: {Layout}");
        Console.WriteLine($"{"figure",-58} {"value",14} {"unit",-12} {"target",-16} met");
        foreach (var f in Figures)
            Console.WriteLine($"{f.Name,-58} {f.Value.ToString("N2", CultureInfo.InvariantCulture),14} {f.Unit,-12} {f.Target ?? "",-16} {(f.Met is null ? "" : f.Met.Value ? "yes" : "NO")}");
        if (Costs.Count > 0)
        {
            Console.WriteLine($"{"cost per reading stored",-58} {"process",-20} {"readings",9} {"CPU µs",9} {"KB alloc",9} {"PG CPU µs",9} {"JIT methods",11} {"cores",6} {"GC pause %",10} {"gen2 GCs",8}");
            foreach (var c in Costs)
                Console.WriteLine($"{c.Phase,-58} {c.Process,-20} {c.Readings,9} {N(c.CpuMicrosPerReading),9} {N(c.KbPerReading),9} {N(c.PostgresCpuMicrosPerReading),9} {c.JitMethods,11} {N(c.CoresBusy),6} {N(c.GcPausePercent),10} {c.Gen2Collections,8}");
        }

        foreach (var n in Notes)
            Console.WriteLine("  - " + n);
        Directory.CreateDirectory(resultsFolder);
        await File.WriteAllTextAsync(Path.Combine(resultsFolder, $"{Name}.json"), JsonSerializer.Serialize(this, Json));
    }

    private static string N(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("N1", CultureInfo.InvariantCulture) : "n/a";
}
