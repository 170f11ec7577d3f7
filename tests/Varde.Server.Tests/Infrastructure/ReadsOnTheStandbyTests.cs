using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Varde.Data;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 7: with <c>ConnectionStrings:varde-read</c> the leaders' figures are read from the standby, and
/// everything else (sign-in, the access log, readings) still goes to the primary.
/// </summary>
public sealed class ReadsOnTheStandbyTests : IAsyncLifetime
{
    private PostgresPair _pair = null!;

    public async Task InitializeAsync()
    {
        _pair = await PostgresPair.StartAsync();
        await _pair.SeedAsync();
    }

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    private static async Task<long> ConnectionsAsync(int port, string application)
    {
        await using var connection = new NpgsqlConnection(PostgresPair.On(port, "postgres"));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        count.Parameters.AddWithValue("name", application);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheLeadersFigures_AreReadOnTheStandby_AndTheRestOnThePrimary()
    {
        var primary = PostgresPair.On(_pair.Primary) + ";Application Name=varde-primary";
        var standby = PostgresPair.On(_pair.Standby) + ";Application Name=varde-read";
        await using var host = new ReadingHost(primary, standby);
        var token = await Tokens.TokenAsync(host, [new("grant_type", "password"), new("username", "leader"), new("password", TestWorld.Password)]);
        var leader = Tokens.WithToken(host, token);

        foreach (var figures in new[] { "/api/statistics/activity?from=2026-01-01&to=2026-11-24", "/api/statistics/work?from=2026-01-01&to=2026-11-24" })
            (await leader.GetAsync(figures)).StatusCode.ShouldBe(HttpStatusCode.OK, figures);

        (await ConnectionsAsync(_pair.Standby, "varde-read")).ShouldBeGreaterThan(0);
        (await ConnectionsAsync(_pair.Primary, "varde-read")).ShouldBe(0);
        (await ConnectionsAsync(_pair.Primary, "varde-primary")).ShouldBeGreaterThan(0);
        (await ConnectionsAsync(_pair.Standby, "varde-primary")).ShouldBe(0);
    }

    /// <summary>Varde on the pair's primary, reading figures on its standby.</summary>
    private sealed class ReadingHost(string primary, string standby) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            VardeApp.Configure(builder, DatabaseProvider.Postgres, primary, new FakeTimeProvider(TestClock.Start.ToUniversalTime()), new LogCapture());
            builder.UseSetting("ConnectionStrings:varde-read", standby);
        }
    }
}
