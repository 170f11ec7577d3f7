using System.Globalization;
using Npgsql;
using Varde.Data;

namespace Varde.Server.Features.Live;

/// <summary>
/// Live updates across nodes on PostgreSQL (issue 22 item 6, ADR 0052): when this node commits outbox events it sends
/// <c>NOTIFY varde_outbox</c> with its node id and the events' earliest time; every node <c>LISTEN</c>s and wakes its
/// <see cref="OutboxDispatcher"/> to read from that time, so a red taken in by node A reaches a screen served by node B
/// in milliseconds, not at B's next poll. The poll stays as the safety net (a notification lost with a connection).
/// Each side has a connection of its own, outside the pool, made again after a failure.
/// </summary>
public sealed partial class OutboxSignalOnPostgres(DatabaseOptions options, OutboxNudge nudge, TimeProvider clock, ILogger<OutboxSignalOnPostgres> logger) : BackgroundService
{
    public const string Channel = "varde_outbox";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly string _node = Guid.NewGuid().ToString("N");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(KeepAsync(ListenAsync, stoppingToken), KeepAsync(ShareAsync, stoppingToken));

    private async Task KeepAsync(Func<NpgsqlConnection, CancellationToken, Task> run, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString)
                {
                    Pooling = false, KeepAlive = 15, ApplicationName = "varde-live",
                }.ConnectionString);
                await connection.OpenAsync(ct);
                await run(connection, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogFailed(logger, e);
                await Task.Delay(RetryAfter, ct);
            }
        }
    }

    private async Task ListenAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        connection.Notification += (_, e) =>
        {
            var parts = e.Payload.Split('|');
            if (parts.Length == 2 && parts[0] != _node && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks)
                nudge.Nudge(new DateTimeOffset(ticks, TimeSpan.Zero));
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        // Events committed elsewhere while this node was not listening: read back as far as the poll does, now.
        nudge.Nudge(clock.GetUtcNow() - OutboxDispatcher.PolledLookBack);
        while (true)
            await connection.WaitAsync(ct);
    }

    private async Task ShareAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
        notify.Parameters.AddWithValue("channel", Channel);
        var payload = notify.Parameters.AddWithValue("payload", "");
        while (true)
        {
            var earliest = await nudge.WaitToShareAsync(ct);
            payload.Value = $"{_node}|{earliest.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
            try
            {
                await notify.ExecuteNonQueryAsync(ct);
            }
            catch (NpgsqlException)
            {
                // Not sent: shared again once the connection is back.
                nudge.ShareAgain(earliest);
                throw;
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "The live-update signal between nodes failed; retrying (screens still get changes at the next poll)")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
