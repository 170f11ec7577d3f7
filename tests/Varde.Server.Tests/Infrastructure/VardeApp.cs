using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Varde.Data;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// The real Varde host (Program) on a fresh database of one provider, with a fake clock and the small
/// <see cref="TestWorld"/> seeded. One per test class; tests talk to it over HTTP.
/// </summary>
public abstract class VardeApp(DatabaseProvider provider) : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>
    /// Starts at <see cref="TestClock.Start"/> (never the real time) and moves only when told; the server's one clock,
    /// which tokens and cookies are checked against too.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(TestClock.Start.ToUniversalTime());

    /// <summary>Everything the server logged.</summary>
    public LogCapture Logs { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public DatabaseProvider Provider => provider;

    /// <summary>Whether <see cref="TestWorld"/> is seeded; the demo tests start from an empty database instead.</summary>
    protected virtual bool SeedsTestWorld => true;

    /// <summary>Whether the server listens on a real Kestrel port on 127.0.0.1 (for clients that need real HTTP, like Firely's FhirClient).</summary>
    protected virtual bool OnKestrel => false;

    public async Task InitializeAsync()
    {
        await StartingAsync();
        _database = await TestDatabase.CreateAsync(provider, migrate: false);
        if (OnKestrel)
        {
            UseKestrel(0);
            StartServer();
        }

        using var scope = Services.CreateScope();
        if (SeedsTestWorld)
            await TestWorld.SeedAsync(scope.ServiceProvider, Clock.GetUtcNow());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
        await StoppedAsync();
    }

    /// <summary>For what a test host needs besides the server (a stand-in for an outside service), started first.</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartingAsync"/> started.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, provider, Database.ConnectionString, Clock, Logs);

    /// <summary>Another server on the same database and clock, with its own locks, caches and signing keys: a second node.</summary>
    public SecondNode SecondNode() => new(this);

    internal static void Configure(IWebHostBuilder builder, DatabaseProvider provider, string connectionString, TimeProvider clock, LogCapture logs)
    {
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:varde", connectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Debug");
        builder.UseSetting("Jobs:Enabled", "false");
        // FHIR subscribers in the tests listen on 127.0.0.1 over plain http.
        builder.UseSetting("Fhir:Subscriptions:AllowLocalEndpoints", "true");
        // Every test client comes from the same (unknown) address; RateLimitTests sets a low limit of its own.
        builder.UseSetting("Auth:RateLimits:SignInsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(clock);
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
        });
    }

    /// <summary>A client with a fresh bearer token from the password grant for a <see cref="TestWorld"/> user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password = TestWorld.Password) =>
        await WithToken(TokenAsync([new("grant_type", "password"), new("username", userName), new("password", password)]));

    /// <summary>A client with a gateway token; <paramref name="scope"/> asks for those SMART scopes only (else the token gets all a gateway may hold).</summary>
    public async Task<HttpClient> GatewayClientAsync(string? scope = null) => await Tokens.GatewayClientAsync(this, scope);

    private async Task<HttpClient> WithToken(Task<string> token) => Tokens.WithToken(this, await token);

    private Task<string> TokenAsync(KeyValuePair<string, string>[] form) => Tokens.TokenAsync(this, form);
}

/// <summary>Bearer tokens from a server's own token endpoint.</summary>
internal static class Tokens
{
    public static async Task<HttpClient> GatewayClientAsync(WebApplicationFactory<Program> server, string? scope = null) =>
        WithToken(server, await TokenAsync(server, [new("grant_type", "client_credentials"), new("client_id", TestWorld.GatewayClientId),
            new("client_secret", TestWorld.GatewaySecret), .. scope is null ? Array.Empty<KeyValuePair<string, string>>() : [new("scope", scope)]]));

    public static HttpClient WithToken(WebApplicationFactory<Program> server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> TokenAsync(WebApplicationFactory<Program> server, KeyValuePair<string, string>[] form)
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        return body!["access_token"].ToString()!;
    }
}

/// <summary>A second Varde server on the first one's database and clock (see <see cref="VardeApp.SecondNode"/>).</summary>
public sealed class SecondNode(VardeApp first) : WebApplicationFactory<Program>
{
    public Task<HttpClient> GatewayClientAsync() => Tokens.GatewayClientAsync(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        VardeApp.Configure(builder, first.Provider, first.Database.ConnectionString, first.Clock, first.Logs);
}

public sealed class SqliteApp() : VardeApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : VardeApp(DatabaseProvider.Postgres);

/// <summary>Varde on SQLite behind Kestrel on 127.0.0.1.</summary>
public sealed class KestrelSqliteApp() : VardeApp(DatabaseProvider.Sqlite)
{
    protected override bool OnKestrel => true;
}

/// <summary>Varde on PostgreSQL behind Kestrel on 127.0.0.1.</summary>
public sealed class KestrelPostgresApp() : VardeApp(DatabaseProvider.Postgres)
{
    protected override bool OnKestrel => true;
}

/// <summary>An empty Varde on SQLite, for seeding the demo.</summary>
public sealed class EmptySqliteApp() : VardeApp(DatabaseProvider.Sqlite)
{
    protected override bool SeedsTestWorld => false;
}

/// <summary>An empty Varde on PostgreSQL, for seeding the demo.</summary>
public sealed class EmptyPostgresApp() : VardeApp(DatabaseProvider.Postgres)
{
    protected override bool SeedsTestWorld => false;
}
