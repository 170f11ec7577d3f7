using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Varde.Data;
using Varde.Server.Infrastructure;

namespace Varde.Server.Operations;

/// <summary>
/// <c>varde backup --to DIR</c> and <c>varde restore --from FILE [--replace]</c> (issue 22, docs/operations.md), on the
/// configured database. SQLite: the online backup API, consistent while Varde runs and writes, the copy in WAL mode
/// and checked (<c>PRAGMA integrity_check</c>); a restore needs Varde stopped (it takes the database's lock) and keeps
/// the database it replaces beside it. PostgreSQL: <c>pg_dump</c> in its custom format and <c>pg_restore</c> into the
/// configured (empty, or with <c>--replace</c> cleaned) database; point-in-time recovery is the operator's
/// <c>pg_basebackup</c> and WAL archive (docs/operations.md). Prints what it did; exit code 0 only when it worked.
/// </summary>
public static class BackupCommand
{
    public const string Usage = "varde backup --to DIR | varde restore --from FILE [--replace]";

    private static readonly string[] DatabaseSuffixes = ["", "-wal", "-shm"];
    private static readonly string[] CleanFirst = ["--clean", "--if-exists"];

    public static bool Handles(string[] args) => args.FirstOrDefault() is "backup" or "restore";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TimeProvider clock, CancellationToken ct = default)
    {
        var provider = configuration.GetValue($"{DatabaseOptions.SectionName}:Provider", DatabaseProvider.Sqlite);
        var connection = configuration.GetConnectionString("varde");
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        try
        {
            if (connection is null)
                throw new BackupException("The connection string 'varde' (ConnectionStrings:varde) is not set.");
            if (args[0] == "backup")
            {
                var folder = Option("--to") ?? throw new BackupException("Say where to: " + Usage);
                var file = provider == DatabaseProvider.Sqlite
                    ? await SqliteBackupAsync(connection, folder, clock, ct)
                    : await PostgresDumpAsync(connection, folder, clock, ct);
                await output.WriteLineAsync($"Backed up to {file} ({new FileInfo(file).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes).");
                return 0;
            }

            var from = Option("--from") ?? throw new BackupException("Say from which file: " + Usage);
            if (!File.Exists(from))
                throw new BackupException($"There is no file {from}.");
            var replace = args.Contains("--replace");
            var kept = provider == DatabaseProvider.Sqlite
                ? SqliteRestore(connection, from, replace, clock)
                : await PostgresRestoreAsync(connection, from, replace, ct);
            await output.WriteLineAsync($"Restored from {from}." + (kept is null ? "" : $" The database it replaced is kept as {kept}."));
            return 0;
        }
        catch (Exception e) when (e is BackupException or DatabaseInUseException or SqliteException or IOException)
        {
            await output.WriteLineAsync($"Not done: {e.Message}");
            return 1;
        }
    }

    private static string Stamp(TimeProvider clock) => clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static async Task<string> SqliteBackupAsync(string connectionString, string folder, TimeProvider clock, CancellationToken ct)
    {
        OwnerOnlyFolder.Create(folder);
        var file = Path.Combine(Path.GetFullPath(folder), $"varde-{Stamp(clock)}.db");
        if (File.Exists(file))
            throw new BackupException($"{file} is there already.");
        await using (var source = new SqliteConnection(connectionString))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString))
        {
            await source.OpenAsync(ct);
            await copy.OpenAsync(ct);
            // One step: a read transaction on the source for the whole copy, so it is one consistent moment (WAL lets
            // Varde go on writing meanwhile).
            source.BackupDatabase(copy);
            await ExecuteAsync(copy, "PRAGMA journal_mode=WAL;", ct);
            var check = await ScalarAsync(copy, "PRAGMA integrity_check;", ct);
            if (check != "ok")
                throw new BackupException($"The copy does not pass SQLite's integrity check ({check}); it is left at {file} for inspection.");
            await ExecuteAsync(copy, "PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }

        SqliteFiles.Tighten($"Data Source={file}");
        return file;
    }

    // Into the configured database's place, through the backup API (so the result is a whole database file in WAL
    // mode); the database there before is moved aside with its -wal and -shm, never deleted.
    private static string? SqliteRestore(string connectionString, string from, bool replace, TimeProvider clock)
    {
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        using var files = new SqliteFiles();
        files.Prepare(connectionString);
        using (var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = from, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString))
        {
            check.Open();
            using var command = check.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            if (command.ExecuteScalar() as string != "ok")
                throw new BackupException($"{from} does not pass SQLite's integrity check; nothing was changed.");
        }

        string? kept = null;
        if (File.Exists(target))
        {
            if (!replace)
                throw new BackupException($"There is a database at {target} already; give --replace to replace it (it is kept beside it).");
            kept = $"{target}.before-restore-{Stamp(clock)}";
            foreach (var suffix in DatabaseSuffixes.Where(s => File.Exists(target + s)))
                File.Move(target + suffix, kept + suffix);
        }

        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = from, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString))
        using (var restored = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ConnectionString))
        {
            source.Open();
            restored.Open();
            source.BackupDatabase(restored);
            using var wal = restored.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        SqliteFiles.Tighten(connectionString);
        return kept;
    }

    private static async Task<string> PostgresDumpAsync(string connectionString, string folder, TimeProvider clock, CancellationToken ct)
    {
        OwnerOnlyFolder.Create(folder);
        var file = Path.Combine(Path.GetFullPath(folder), $"varde-{Stamp(clock)}.dump");
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--file", file], connectionString, ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }

    private static async Task<string?> PostgresRestoreAsync(string connectionString, string from, bool replace, CancellationToken ct)
    {
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", db);
            if ((long)(await command.ExecuteScalarAsync(ct))! > 0 && !replace)
                throw new BackupException("The configured database has tables; give --replace to replace them with the backup's.");
        }

        await RunAsync("pg_restore", [.. replace ? CleanFirst : [], "--no-owner", "--exit-on-error", "--single-transaction",
                "--dbname", new NpgsqlConnectionStringBuilder(connectionString).Database!, from],
            connectionString, ct);
        // pg_restore leaves no planner statistics; until autovacuum gathers them, a restored month's partition is planned
        // as if empty (docs/benchmarks.md), so the restore ends with ANALYZE, as PostgreSQL's documentation advises.
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync(ct);
            await using var analyse = new NpgsqlCommand("ANALYZE", db) { CommandTimeout = 0 };
            await analyse.ExecuteNonQueryAsync(ct);
        }

        return null;
    }

    // pg_dump and pg_restore with the connection in libpq's environment variables (the password never on a command line).
    private static async Task RunAsync(string program, string[] arguments, string connectionString, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = c.Database;
        start.Environment["PGUSER"] = c.Username;
        if (c.Password is { } password)
            start.Environment["PGPASSWORD"] = password;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{program} could not be started ({e.Message}); install PostgreSQL's client programs.");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new BackupException($"{program} failed ({process.ExitCode}): {(await errors).Trim()}");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }
}

/// <summary>A backup or restore that cannot be done, with what to do about it.</summary>
public sealed class BackupException(string message) : Exception(message);
