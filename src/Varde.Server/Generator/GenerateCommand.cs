using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;
using Varde.Server.Features.Gateways;
using Varde.Server.Infrastructure;

namespace Varde.Server.Generator;

/// <summary>
/// <c>varde generate --patients N --days D --seed S [--end 2026-11-23] [--provider sqlite|postgres] [--connection "…"] [--gateway-secret s] [--staff-password p] [--fhir-ndjson file]</c>:
/// writes a synthetic population into the configured (already migrated) Varde database, with one device-gateway
/// client per follow-up service (<c>gateway-{n}</c>, for load tests), or instead writes FHIR transaction bundles as
/// NDJSON. Without <c>--end</c> the period ends at today's midnight (UTC), so two runs on the same day agree.
/// </summary>
public static class GenerateCommand
{
    public const string Usage =
        "varde generate --patients N --days D --seed S [--end yyyy-MM-dd] [--provider sqlite|postgres] [--connection \"…\"] [--gateway-secret s] [--staff-password p] [--fhir-ndjson file]";

    public const string DefaultGatewaySecret = "generated-gateway-secret";

    /// <summary>Turns the command's database flags into the server's configuration keys (the rest stays as it is).</summary>
    public static string[] ConfigurationArgs(string[] args)
    {
        var result = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--provider" && i + 1 < args.Length)
                result.Add($"--Database:Provider={args[++i]}");
            else if (args[i] == "--connection" && i + 1 < args.Length)
                result.Add($"--ConnectionStrings:varde={args[++i]}");
        }

        return [.. result];
    }

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CancellationToken ct = default)
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
            : new DateTimeOffset(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var o = new GeneratorOptions(patients, days, seed, end);
        var population = SyntheticPopulation.Build(o);

        if (Value(options, "fhir-ndjson") is { } path)
        {
            var lines = await FhirBundleWriter.WriteNdjsonAsync(path, population, o, ct);
            Console.WriteLine($"Wrote {lines:N0} transaction bundles to {path}.");
            return 0;
        }

        var database = services.GetRequiredService<DatabaseOptions>();
        var dbOptions = VardeDatabase.Options(database.Provider, database.ConnectionString);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // The past it writes gets its months, as an installation that had been running would have them.
            var months = await MonthlyPartitions.MonthsFromAsync(database.ConnectionString, DateOnly.FromDateTime(end.AddDays(-days - 1).UtcDateTime), ct);
            if (months.Count > 0)
                Console.WriteLine($"{months.Count} monthly partitions made for the period.");
        }

        var report = await SyntheticWriter.WriteAsync(() => new VardeDbContext(dbOptions), population, o, Console.WriteLine, ct);
        await AddClientsAsync(services, population, Value(options, "gateway-secret") ?? DefaultGatewaySecret, Value(options, "staff-password"), ct);
        await using (var scope = services.CreateAsyncScope())
        {
            // The reports by hour for the work figures, counted again from all reports (these were received in the past).
            var summarised = await scope.ServiceProvider.GetRequiredService<Features.Statistics.SummariseReports>().RebuildAsync(ct);
            Console.WriteLine($"{summarised:N0} reports summarised by hour for the statistics.");
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            // A bulk load ends with fresh statistics, as after a restore: a month's partition filled here and not yet
            // analysed by autovacuum was planned as a sequential scan by intake's resend check (docs/benchmarks.md).
            var analysing = Stopwatch.StartNew();
            await using var db = new VardeDbContext(dbOptions);
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
            Console.WriteLine($"Statistics gathered (ANALYZE) in {analysing.Elapsed.TotalSeconds:N1} s.");
        }

        Console.WriteLine($"{report.Patients:N0} patients, {report.Readings:N0} readings ({report.DuplicatesSkipped:N0} resends stored once), " +
            $"{report.TriageRecords:N0} triage records, {report.Alerts:N0} alerts in {report.Elapsed.TotalSeconds:N1} s ({report.ReadingsPerSecond:N0} readings/s).");
        return 0;
    }

    // One gateway client per service, and with a staff password a login for each service's first nurse (nurse-{n}) and its leader (leader-{n}).
    private static async Task AddClientsAsync(IServiceProvider services, SyntheticPopulation population, string secret, string? staffPassword,
        CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        if (staffPassword is not null)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            foreach (var (service, n) in population.Organisations.Where(x => x.Kind == OrganisationKind.FollowUpService).Select((s, i) => (s, i)))
            {
                var nurse = population.Staff.First(s => s.OrganisationId == service.Id && s.Role == Domain.Access.Role.Nurse);
                if (await users.FindByIdAsync(nurse.Id.ToString()) is null)
                    await users.CreateAsync(new StaffAccount { Id = nurse.Id, UserName = $"nurse-{n + 1}" }, staffPassword);
                var leader = population.Staff.First(s => s.OrganisationId == service.Id && s.Role == Domain.Access.Role.Leader);
                if (await users.FindByIdAsync(leader.Id.ToString()) is null)
                    await users.CreateAsync(new StaffAccount { Id = leader.Id, UserName = $"leader-{n + 1}" }, staffPassword);
            }
        }

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var serviceIds = population.Organisations.Where(x => x.Kind == OrganisationKind.FollowUpService).Select(x => x.Id).ToList();
        for (var n = 0; n < serviceIds.Count; n++)
        {
            var clientId = $"gateway-{n + 1}";
            if (await applications.FindByClientIdAsync(clientId, ct) is not null)
                continue;
            var gateway = DeviceGateway.RegisterWithSecret(Guid.CreateVersion7(now), clientId, $"Generated device gateway {n + 1}", serviceIds[n], secret,
                "generator", now);
            if (!gateway.IsValid)
                throw new InvalidOperationException("--gateway-secret: " + gateway.Errors[0].Message);
            await GatewayRegistration.AddAsync(db, applications, gateway.Value, ct);
        }
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
