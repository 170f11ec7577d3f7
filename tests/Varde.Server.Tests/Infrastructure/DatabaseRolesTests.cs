using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Varde.Data;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 4: migrations run as the tables' owner (<c>ConnectionStrings:varde-owner</c>), Varde connects as a role
/// that reads and writes rows only: it works, but it cannot disable or drop the append-only triggers, alter a table or
/// make one.
/// </summary>
public sealed class DatabaseRolesOnPostgresTests : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider _clock = new(TestClock.Start.ToUniversalTime());
    private readonly LogCapture _logs = new();

    private string Database => $"varde_roles_{_suffix}";
    private string Owner => $"varde_owner_{_suffix}";
    private string Application => $"varde_app_{_suffix}";

    private static string Admin => Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)
        ?? throw new InvalidOperationException($"{TestDatabase.PostgresVariable} is not set.");

    private string As(string role) => new NpgsqlConnectionStringBuilder(Admin) { Database = Database, Username = role, Pooling = false }.ConnectionString;

    public async Task InitializeAsync() =>
        await AdminAsync($"CREATE ROLE {Owner} LOGIN", $"CREATE ROLE {Application} LOGIN", $"CREATE DATABASE {Database} OWNER {Owner}");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", $"DROP ROLE IF EXISTS {Application}", $"DROP ROLE IF EXISTS {Owner}");
    }

    private static async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<PostgresException> RefusedAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(As(role));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task TheApplicationsRole_ReadsAndWritesRows_ButCannotDisableTheTriggersNorChangeTheTables()
    {
        await using var host = new RolesHost(As(Application), As(Owner), _clock, _logs);
        using (var scope = host.Services.CreateScope())
            await TestWorld.SeedAsync(scope.ServiceProvider, _clock.GetUtcNow());
        var token = await Tokens.TokenAsync(host, [new("grant_type", "password"), new("username", "nurse.north"), new("password", TestWorld.Password)]);
        var nurse = Tokens.WithToken(host, token);
        (await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements",
            new { clientId = "roles-1", type = "pulse", value = 64, unit = "/min", effectiveAt = _clock.GetUtcNow().AddMinutes(-1) })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await nurse.GetAsync($"/api/patients/{TestWorld.PatientA}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await RefusedAsync(Application, "ALTER TABLE access_log DISABLE TRIGGER access_log_append_only")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(Application, "ALTER TABLE access_log DISABLE TRIGGER ALL")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(Application, "DROP TRIGGER access_log_append_only ON access_log")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(Application, "DROP TABLE audit_seals")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(Application, "CREATE TABLE shadow (id int)")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(Application, "UPDATE access_log SET action = 'patient.list'")).SqlState.ShouldBe(PostgresErrorCodes.RestrictViolation);

        // The coming months' partitions are made at start as the owner (Varde's role could not), and are the owner's too.
        await using (var owner = new NpgsqlConnection(As(Owner)))
        {
            await owner.OpenAsync();
            var ahead = _clock.GetUtcNow().UtcDateTime.AddMonths(Server.Infrastructure.MonthlyPartitions.MonthsAhead);
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('measurements_{ahead:yyyy_MM}') IS NOT NULL AND to_regclass('triage_records_{ahead:yyyy_MM}') IS NOT NULL", owner);
            (await exists.ExecuteScalarAsync()).ShouldBe(true);
        }

        (await RefusedAsync(Application, $"ALTER TABLE measurements_{_clock.GetUtcNow().UtcDateTime:yyyy_MM} DISABLE TRIGGER ALL")).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await Should.ThrowAsync<PostgresException>(() => Server.Infrastructure.MonthlyPartitions.EnsureAsync(As(Application),
            new DateTimeOffset(2090, 1, 15, 0, 0, 0, TimeSpan.Zero), CancellationToken.None))).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        // The seals are written as the owner; Varde's role may read them but not add a link by hand.
        using (var scope = host.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<Varde.Server.Features.Audit.SealAuditLogs>().SealUpToAsync(_clock.GetUtcNow().AddHours(1), default))
                .ShouldContain(h => h.Log == "access");
        (await RefusedAsync(Application, "INSERT INTO audit_seals (log, seq, entry_id, entry_at, hash, sealed_at) VALUES ('access', 100000, gen_random_uuid(), now(), 'x', now())"))
            .SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);

        await using var connection = new NpgsqlConnection(As(Owner));
        await connection.OpenAsync();
        await using var owners = new NpgsqlCommand("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'", connection);
        (await owners.ExecuteScalarAsync()).ShouldBe(Owner);
    }
}

/// <summary>Varde with an owner's connection string for migrations beside its own.</summary>
internal sealed class RolesHost(string application, string owner, TimeProvider clock, LogCapture logs) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        VardeApp.Configure(builder, DatabaseProvider.Postgres, application, clock, logs);
        builder.UseSetting("ConnectionStrings:varde-owner", owner);
    }
}
