using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Varde.Data;
using Varde.Server.Operations;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 1, the backup drill: readings are sent while <c>varde backup</c> runs; the backup is restored into a
/// new database with <c>varde restore</c>, Varde starts on it and answers, every table holds what the backup holds, and
/// every reading acknowledged before the backup began is there.
/// </summary>
public abstract class BackupAndRestoreTests(VardeApp app, Xunit.Abstractions.ITestOutputHelper output)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static IConfiguration Config(DatabaseProvider provider, string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:varde"] = connectionString })
        .Build();

    private async Task<(int Code, string Output)> RunAsync(string connectionString, params string[] args)
    {
        using var output = new StringWriter();
        var code = await BackupCommand.RunAsync(args, Config(app.Provider, connectionString), output, app.Clock);
        return (code, output.ToString());
    }

    protected abstract Task<string> NewEmptyDatabaseAsync(string folder);

    [Fact]
    public async Task ABackupTakenUnderLoad_RestoresIntoADatabaseVardeStartsOn_WithEveryReadingAcknowledgedBeforeIt()
    {
        var folder = Directory.CreateTempSubdirectory("varde-backup-").FullName;
        try
        {
            var nurse = await app.ClientForAsync("nurse.north");
            var acknowledged = new System.Collections.Concurrent.ConcurrentBag<(string ClientId, DateTimeOffset At)>();
            using var stop = new CancellationTokenSource();
            var load = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested && i < 400; i++)
                {
                    var clientId = $"backup-load-{app.Provider}-{i}";
                    var response = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
                        new { clientId, type = "pulse", value = 60m + (i % 30), unit = "/min", effectiveAt = Now.AddMinutes(-1) });
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add((clientId, DateTimeOffset.UtcNow));
                }
            });
            while (acknowledged.Count < 20)
                await Task.Delay(10);

            var started = DateTimeOffset.UtcNow;
            var backup = await RunAsync(app.Database.ConnectionString, "backup", "--to", Path.Combine(folder, "backups"));
            await stop.CancelAsync();
            await load;

            backup.Code.ShouldBe(0, backup.Output);
            var file = backup.Output["Backed up to ".Length..backup.Output.IndexOf(" (", StringComparison.Ordinal)];
            File.Exists(file).ShouldBeTrue(backup.Output);
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var target = await NewEmptyDatabaseAsync(folder);
            var restored = await RunAsync(target, "restore", "--from", file);
            restored.Code.ShouldBe(0, restored.Output);
            (await RunAsync(target, "restore", "--from", file)).Code.ShouldBe(1); // there is a database there now: --replace is needed

            await using var host = new HostOn(app.Provider, target, app.Clock, app.Logs);
            var token = await Tokens.TokenAsync(host, [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]);
            var client = Tokens.WithToken(host, token);
            (await host.CreateClient().GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await client.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);

            await using var copy = new VardeDbContext(VardeDatabase.Options(app.Provider, target));
            var there = (await copy.Measurements.Where(m => m.ClientId.StartsWith("backup-load-")).Select(m => m.ClientId).ToListAsync()).ToHashSet();
            var before = acknowledged.Where(a => a.At < started).ToList();
            output.WriteLine($"drill backup-restore-{app.Provider.ToString().ToLowerInvariant()}: acknowledged {acknowledged.Count} ({before.Count} before the backup began), in the restored copy {there.Count}, lost {before.Count(a => !there.Contains(a.ClientId))}, duplicated 0 (a client id is unique per patient in the table)");
            before.ShouldAllBe(a => there.Contains(a.ClientId));
            there.ShouldBeSubsetOf(acknowledged.Select(a => a.ClientId));
            (await copy.Patients.CountAsync()).ShouldBe(await CountAsync(app, db => db.Patients.CountAsync()));
            (await copy.AccessLog.CountAsync()).ShouldBeGreaterThan(0);
        }
        finally
        {
            SqliteConnectionPools.Clear();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> CountAsync(VardeApp app, Func<VardeDbContext, Task<int>> count)
    {
        await using var db = app.Database.NewContext();
        return await count(db);
    }
}

internal static class SqliteConnectionPools
{
    public static void Clear() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}

/// <summary>Varde on a given database: the restored one.</summary>
internal sealed class HostOn(DatabaseProvider provider, string connectionString, TimeProvider clock, LogCapture logs) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) => VardeApp.Configure(builder, provider, connectionString, clock, logs);
}

[Trait("Category", "Drill")]
public sealed class BackupAndRestoreOnSqliteTests(SqliteApp app, Xunit.Abstractions.ITestOutputHelper output) : BackupAndRestoreTests(app, output), IClassFixture<SqliteApp>
{
    protected override Task<string> NewEmptyDatabaseAsync(string folder) => Task.FromResult($"Data Source={Path.Combine(folder, "restored", "varde.db")}");
}

[Trait("Category", "Drill")]
public sealed class BackupAndRestoreOnPostgresTests(PostgresApp app, Xunit.Abstractions.ITestOutputHelper output) : BackupAndRestoreTests(app, output), IClassFixture<PostgresApp>, IAsyncLifetime
{
    private readonly string _name = $"varde_restored_{Guid.NewGuid():N}";

    protected override async Task<string> NewEmptyDatabaseAsync(string folder)
    {
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", admin))
            await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)) { Database = _name }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
