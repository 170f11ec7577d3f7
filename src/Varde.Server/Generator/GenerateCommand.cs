using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Generator;

/// <summary>
/// <c>varde generate --patients N --days D --seed S [--end 2026-11-23] [--provider sqlite|postgres] [--connection "…"] [--fhir-ndjson file]</c>:
/// writes a synthetic population into a Varde database (migrated first), or instead writes FHIR transaction bundles
/// as NDJSON. Without <c>--end</c> the period ends at today's midnight (UTC), so two runs on the same day agree.
/// </summary>
public static class GenerateCommand
{
    public const string Usage =
        "varde generate --patients N --days D --seed S [--end yyyy-MM-dd] [--provider sqlite|postgres] [--connection \"…\"] [--fhir-ndjson file]";

    public static async Task<int> RunAsync(string[] args, TimeProvider clock, CancellationToken ct = default)
    {
        var options = Parse(args);
        if (options is null || !int.TryParse(Value(options, "patients"), out var patients) || patients < 1
            || !int.TryParse(Value(options, "days") ?? "30", out var days) || days < 1
            || !int.TryParse(Value(options, "seed") ?? "1", out var seed))
        {
            Console.Error.WriteLine("Usage: " + Usage);
            return 2;
        }

        var end = Value(options, "end") is { } e
            ? DateTimeOffset.Parse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var o = new GeneratorOptions(patients, days, seed, end);
        var population = SyntheticPopulation.Build(o);

        if (Value(options, "fhir-ndjson") is { } path)
        {
            var lines = await FhirBundleWriter.WriteNdjsonAsync(path, population, o, ct);
            Console.WriteLine($"Wrote {lines:N0} transaction bundles to {path}.");
            return 0;
        }

        var provider = string.Equals(Value(options, "provider"), "postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = Value(options, "connection") ?? $"Data Source={Path.Combine("varde-data", $"generated-{seed}.db")}";
        if (provider == DatabaseProvider.Sqlite)
            Directory.CreateDirectory(Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource) is { Length: > 0 } dir ? dir : ".");
        var dbOptions = VardeDatabase.Options(provider, connection);
        await using (var db = new VardeDbContext(dbOptions))
            await db.Database.MigrateAsync(ct);
        var report = await SyntheticWriter.WriteAsync(() => new VardeDbContext(dbOptions), population, o, Console.WriteLine, ct);
        Console.WriteLine($"{report.Patients:N0} patients, {report.Readings:N0} readings ({report.DuplicatesSkipped:N0} resends stored once), " +
            $"{report.TriageRecords:N0} triage records, {report.Alerts:N0} alerts in {report.Elapsed.TotalSeconds:N1} s ({report.ReadingsPerSecond:N0} readings/s).");
        return 0;
    }

    private static Dictionary<string, string>? Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    private static string? Value(Dictionary<string, string> options, string name) => options.GetValueOrDefault(name);
}
