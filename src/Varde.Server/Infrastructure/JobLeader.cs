using Npgsql;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Which node runs the jobs that must run once in a cluster (reminders, escalations, deliveries, exports, surveys,
/// audit sealing; issue 22 item 6, ADR 0052). On PostgreSQL, the node that holds a session-level advisory lock on a
/// connection of its own: the lock goes with the connection, so a node that dies or loses its database connection
/// hands the jobs over to the next node that asks. On SQLite there is one process (<see cref="SqliteFiles"/>): always
/// the leader. Jobs that keep per-node state (a node's gateway counters, its live updates) do not ask.
/// </summary>
public sealed partial class JobLeader(DatabaseOptions options, ILogger<JobLeader> logger) : IAsyncDisposable
{
    /// <summary>The advisory lock's key ("varde-jobs" in ASCII, as a number); advisory locks are per database.</summary>
    public const long LockKey = 0x7661726465_6A6F62;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool _leading;

    /// <summary>Whether this node runs the cluster's jobs now: keeps or takes the lock, and checks that its connection still lives.</summary>
    public async Task<bool> IsLeaderAsync(CancellationToken ct)
    {
        if (options.Provider != DatabaseProvider.Postgres)
            return true;
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var was = _leading;
            _leading = await HoldsOrTakesAsync(ct);
            if (_leading != was)
                LogLeadership(logger, _leading ? "took over" : "lost");
            return _leading;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<bool> HoldsOrTakesAsync(CancellationToken ct)
    {
        try
        {
            if (_connection is { State: System.Data.ConnectionState.Open } && _leading)
            {
                // Still ours while the session lives: a cheap round trip proves it.
                await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                await ping.ExecuteScalarAsync(ct);
                return true;
            }

            if (_connection is not { State: System.Data.ConnectionState.Open })
            {
                await CloseAsync();
                // The server must notice a leader that vanished without closing its socket (power or network lost):
                // its keepalives end the session, and with it the lock, about 30 s after the leader went quiet.
                _connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString)
                {
                    Pooling = false, KeepAlive = 15, ApplicationName = "varde-job-leader",
                    Options = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=30000",
                }.ConnectionString);
                await _connection.OpenAsync(ct);
            }

            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection);
            take.Parameters.AddWithValue("key", LockKey);
            return await take.ExecuteScalarAsync(ct) is true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The connection is gone, and with it the lock: not the leader until a new connection takes it.
            LogConnectionLost(logger, e);
            await CloseAsync();
            return false;
        }
    }

    private async Task CloseAsync()
    {
        if (_connection is null)
            return;
        try
        {
            await _connection.DisposeAsync();
        }
        catch (NpgsqlException)
        {
            // Already broken: nothing to close.
        }

        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _oneAtATime.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "This node {Change} the cluster's jobs")]
    private static partial void LogLeadership(ILogger logger, string change);

    [LoggerMessage(LogLevel.Warning, "The job leader's database connection failed; this node runs no cluster jobs until it has a new one")]
    private static partial void LogConnectionLost(ILogger logger, Exception e);
}
