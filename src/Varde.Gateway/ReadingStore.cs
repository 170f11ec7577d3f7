using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Varde.Gateway;

/// <summary>
/// The gateway's local store (SQLite, WAL, synchronous=FULL, file mode 0600): every reading is written here before
/// anything is sent, under a unique client id, so a reading taken while Varde or the network is down is kept, and one
/// read twice (a meter's stored records fetched again) is kept once. A reading is waiting until Varde answers for it:
/// sent (with Varde's id) or refused (with Varde's reason; kept, never resent). Refused device values (a NaN, a
/// control-solution test…) are kept apart with their reason, without patient data.
/// </summary>
public sealed class ReadingStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string _connectionString;

    private ReadingStore(string connectionString) => _connectionString = connectionString;

    public static async Task<ReadingStore> OpenAsync(string path, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full) && !OperatingSystem.IsWindows())
            File.Create(full, 0, FileOptions.None).Dispose();
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var store = new ReadingStore(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString());
        await using var connection = await store.OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS readings(
                id INTEGER PRIMARY KEY,
                client_id TEXT NOT NULL UNIQUE,
                device_address TEXT NOT NULL,
                captured_at TEXT NOT NULL,
                reading TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'sent', 'refused')),
                attempts INTEGER NOT NULL DEFAULT 0,
                outcome TEXT,
                next_attempt_at TEXT,
                done_at TEXT);
            CREATE INDEX IF NOT EXISTS readings_waiting ON readings(id) WHERE state = 'waiting';
            CREATE TABLE IF NOT EXISTS devices(
                address TEXT PRIMARY KEY,
                manufacturer TEXT, model TEXT, serial TEXT,
                last_sequence INTEGER, last_record_at TEXT);
            CREATE TABLE IF NOT EXISTS refused_values(
                id INTEGER PRIMARY KEY,
                device_address TEXT NOT NULL,
                characteristic INTEGER NOT NULL,
                reason TEXT NOT NULL,
                captured_at TEXT NOT NULL);
            """;
        await command.ExecuteNonQueryAsync(ct);
        // A store made by an earlier gateway gets the columns it lacks (nothing in it is lost).
        await AddMissingColumnAsync(connection, "readings", "next_attempt_at", ct);
        await AddMissingColumnAsync(connection, "devices", "last_record_at", ct);
        return store;
    }

    /// <summary>Keeps a reading under its client id; false when one with that id is already kept (read twice).</summary>
    public async Task<bool> AddAsync(string clientId, string deviceAddress, CapturedReading reading, DateTimeOffset capturedAt, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO readings(client_id, device_address, captured_at, reading) VALUES ($id, $address, $at, $reading) ON CONFLICT(client_id) DO NOTHING";
        command.Parameters.AddWithValue("$id", clientId);
        command.Parameters.AddWithValue("$address", deviceAddress);
        command.Parameters.AddWithValue("$at", Text(capturedAt));
        command.Parameters.AddWithValue("$reading", JsonSerializer.Serialize(reading, Json));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task AddRefusedValueAsync(string deviceAddress, ushort characteristic, string reason, DateTimeOffset capturedAt, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO refused_values(device_address, characteristic, reason, captured_at) VALUES ($address, $characteristic, $reason, $at)";
        command.Parameters.AddWithValue("$address", deviceAddress);
        command.Parameters.AddWithValue("$characteristic", (int)characteristic);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$at", Text(capturedAt));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Sets one Device Information text (manufacturer, model or serial) for a device.</summary>
    public async Task SetDeviceTextAsync(string address, DeviceText field, string text, CancellationToken ct = default)
    {
        var column = field switch
        {
            DeviceText.Manufacturer => "manufacturer",
            DeviceText.Model => "model",
            _ => "serial",
        };
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO devices(address, {column}) VALUES ($address, $text) ON CONFLICT(address) DO UPDATE SET {column} = excluded.{column}";
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$text", text);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Remembers the sequence number of a meter's newest record (by its time, so a counter that wrapped or was reset moves
    /// back with it); the next fetch asks for the records after it, and the client ids keep anything fetched again once.
    /// </summary>
    public async Task KeepSequenceAsync(string address, int sequence, DateTimeOffset measuredAt, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO devices(address, last_sequence, last_record_at) VALUES ($address, $sequence, $at)
            ON CONFLICT(address) DO UPDATE SET last_sequence = excluded.last_sequence, last_record_at = excluded.last_record_at
            WHERE devices.last_record_at IS NULL OR devices.last_record_at < excluded.last_record_at
            """;
        command.Parameters.AddWithValue("$address", address);
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$at", Text(measuredAt.ToUniversalTime()));
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<KnownDevice?> DeviceAsync(string address, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT manufacturer, model, serial, last_sequence FROM devices WHERE address = $address";
        command.Parameters.AddWithValue("$address", address);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
            return null;
        return new KnownDevice(address, Optional(reader, 0), Optional(reader, 1), Optional(reader, 2), reader.IsDBNull(3) ? null : reader.GetInt32(3));
    }

    /// <summary>The oldest waiting readings due to be sent at <paramref name="now"/> (not set aside until later), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<WaitingReading>> WaitingAsync(int limit, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, client_id, device_address, reading FROM readings
            WHERE state = 'waiting' AND (next_attempt_at IS NULL OR next_attempt_at <= $now) ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$now", Text(now.ToUniversalTime()));
        var waiting = new List<WaitingReading>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            waiting.Add(new WaitingReading(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), JsonSerializer.Deserialize<CapturedReading>(reader.GetString(3), Json)!));
        return waiting;
    }

    /// <summary>Counts one more attempt for readings that were sent without an answer.</summary>
    public Task CountAttemptAsync(IEnumerable<long> ids, CancellationToken ct = default) =>
        UpdateAsync(ids.Select(id => (id, (string?)null)), "UPDATE readings SET attempts = attempts + 1 WHERE id = $id AND state = 'waiting'", null, ct);

    /// <summary>Varde has them: each with the id Varde gave it.</summary>
    public Task MarkSentAsync(IEnumerable<(long Id, string? ServerId)> sent, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync(sent, "UPDATE readings SET state = 'sent', outcome = $outcome, done_at = $at, attempts = attempts + 1 WHERE id = $id AND state = 'waiting'", at, ct);

    /// <summary>
    /// Varde cannot take it now for a reason that may pass (the patient is not, or not yet, in the gateway's service):
    /// still waiting, with the reason, not sent again before <paramref name="until"/> — and not in the way of the others.
    /// </summary>
    public Task SetAsideAsync(long id, string reason, DateTimeOffset until, CancellationToken ct = default) =>
        UpdateAsync([(id, reason)], "UPDATE readings SET outcome = $outcome, next_attempt_at = $at, attempts = attempts + 1 WHERE id = $id AND state = 'waiting'",
            until.ToUniversalTime(), ct);

    /// <summary>Varde refused it for good (a 4xx that resending cannot change): kept with the reason, never resent.</summary>
    public Task MarkRefusedAsync(long id, string reason, DateTimeOffset at, CancellationToken ct = default) =>
        UpdateAsync([(id, reason)], "UPDATE readings SET state = 'refused', outcome = $outcome, done_at = $at, attempts = attempts + 1 WHERE id = $id AND state = 'waiting'", at, ct);

    public async Task<(int Waiting, int Sent, int Refused, int RefusedValues)> CountsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM readings WHERE state = 'waiting'), (SELECT count(*) FROM readings WHERE state = 'sent'),
                   (SELECT count(*) FROM readings WHERE state = 'refused'), (SELECT count(*) FROM refused_values)
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    /// <summary>Every reading kept, with its state and outcome (for tests and the operator's look).</summary>
    public async Task<IReadOnlyList<(string ClientId, string State, string? Outcome)>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT client_id, state, outcome FROM readings ORDER BY id";
        var all = new List<(string, string, string?)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            all.Add((reader.GetString(0), reader.GetString(1), Optional(reader, 2)));
        return all;
    }

    private async Task UpdateAsync(IEnumerable<(long Id, string? Outcome)> rows, string sql, DateTimeOffset? at, CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var outcome = command.Parameters.Add("$outcome", SqliteType.Text);
        command.Parameters.AddWithValue("$at", at is { } time ? Text(time) : DBNull.Value);
        foreach (var (rowId, rowOutcome) in rows)
        {
            id.Value = rowId;
            outcome.Value = (object?)rowOutcome ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task AddMissingColumnAsync(SqliteConnection connection, string table, string column, CancellationToken ct)
    {
        await using var look = connection.CreateCommand();
        look.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
        if (Convert.ToInt64(await look.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0)
            return;
        await using var add = connection.CreateCommand();
        add.CommandText = $"ALTER TABLE {table} ADD COLUMN {column} TEXT";
        await add.ExecuteNonQueryAsync(ct);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    private static string? Optional(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static string Text(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

public enum DeviceText
{
    Manufacturer,
    Model,
    Serial,
}
