using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 2 on a real PostgreSQL: while the database is read-only or takes no connections, a report is answered
/// 503 with Retry-After (an OperationOutcome on FHIR), never 500, and /readyz says not ready; when the database is back,
/// the same report sent again is stored once.
/// </summary>
[Trait("Category", "Drill")]
public sealed class DatabaseOutageOnPostgresTests(PostgresApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PostgresApp>
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private string Name => new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;

    private static async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable));
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    // A change to the database that new connections see: the server's open connections are ended and its pool emptied.
    private async Task ReconnectAsync()
    {
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Name}' AND pid <> pg_backend_pid()");
        NpgsqlConnection.ClearAllPools();
    }

    private object Reading(string clientId) => new { clientId, type = "oxygen-saturation", value = 94m, unit = "%", effectiveAt = Now.AddMinutes(-2) };

    [Theory]
    [InlineData("read-only", "ALTER DATABASE \"{0}\" SET default_transaction_read_only = on", "ALTER DATABASE \"{0}\" SET default_transaction_read_only = off")]
    [InlineData("no-connections", "ALTER DATABASE \"{0}\" ALLOW_CONNECTIONS false", "ALTER DATABASE \"{0}\" ALLOW_CONNECTIONS true")]
    public async Task WhileTheDatabaseCannotTakeWrites_ReportsAre503WithRetryAfter_AndTheResendIsStoredOnce(string outage, string start, string end)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        var clientId = $"outage-{outage}";
        (await app.CreateClient().GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await AdminAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, start, Name));
        HttpResponseMessage api, fhir, ready;
        try
        {
            await ReconnectAsync();
            api = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", Reading(clientId));
            fhir = await gateway.PostAsync("/fhir/Observation",
                FhirReadings.Json(FhirReadings.Reading(TestWorld.PatientA, "2708-6", 94m, "%", Now.AddMinutes(-2), $"{clientId}-fhir")));
            ready = await app.CreateClient().GetAsync("/readyz");
        }
        finally
        {
            await AdminAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, end, Name));
            await ReconnectAsync();
        }

        api.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await api.Content.ReadAsStringAsync());
        api.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().ShouldEndWith("/unavailable");
        fhir.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await fhir.Content.ReadAsStringAsync());
        fhir.Headers.RetryAfter.ShouldNotBeNull();
        (await fhir.Content.ReadAsStringAsync()).ShouldContain("\"resourceType\":\"OperationOutcome\"");
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        var resent = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", Reading(clientId));
        var again = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/measurements", Reading(clientId));
        resent.StatusCode.ShouldBe(HttpStatusCode.Created, await resent.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = app.Database.NewContext();
        var stored = await db.Measurements.CountAsync(m => m.ClientId == clientId);
        output.WriteLine($"drill outage-postgres-{outage}: while out: api {(int)api.StatusCode}, fhir {(int)fhir.StatusCode}, /readyz {(int)ready.StatusCode}; after: resent {(int)resent.StatusCode}, again {(int)again.StatusCode}; stored {stored}, lost 0, duplicated {stored - 1}");
        stored.ShouldBe(1);
    }
}

/// <summary>Issue 22 item 2 on SQLite: /readyz says not ready when the data folder has less free disk than the least Varde needs.</summary>
public sealed class ReadinessOnSqliteTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ReadyzIsNotReady_WhenTheDataFolderHasTooLittleFreeDisk()
    {
        (await app.CreateClient().GetAsync("/readyz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Asking for twice what the disk has free: enough to start (a quarter of it), not enough to be ready.
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
        var free = new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(file))!).AvailableFreeSpace / (1024 * 1024);
        await using var demanding = app.WithWebHostBuilder(b => b.UseSetting("Health:MinFreeDiskMegabytes", (free * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var response = await demanding.CreateClient().GetAsync("/readyz");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
