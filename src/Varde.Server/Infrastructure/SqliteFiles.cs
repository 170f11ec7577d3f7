using Microsoft.Data.Sqlite;

namespace Varde.Server.Infrastructure;

/// <summary>
/// The SQLite database's files (issue 22): the data folder is made readable by Varde's user only (0700) and the
/// database file 0600 (SQLite gives its -wal and -shm files the database's mode), an existing database is tightened to
/// that at start; and one Varde process only may use a database file. SQLite is single-node: a second process on the
/// same file is refused at start with a clear message (several nodes need PostgreSQL). Hosts within one process share
/// the lock (the tests start a second node in the same process).
/// </summary>
public sealed class SqliteFiles : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The lock file beside the database, held open (and locked) while this process uses the database.</summary>
    public static string LockPath(string databaseFile) => Path.GetFullPath(databaseFile) + ".lock";

    /// <summary>
    /// Before the database is opened: makes the data folder owner-only where it does not exist, and takes the lock;
    /// throws with a clear message when another process holds it.
    /// </summary>
    public void Prepare(string connectionString, long minFreeMegabytes = 0)
    {
        if (FileOf(connectionString) is not { } full)
            return;
        var folder = Path.GetDirectoryName(full)!;
        try
        {
            OwnerOnlyFolder.Create(folder);
            // A folder Varde cannot write to (a read-only mount, another owner) is said as such, not as a locked database.
            var probe = Path.Combine(folder, $".varde-write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException($"Varde cannot write to its data folder {folder} ({e.Message}). Check that the disk is mounted read-write and that Varde's user owns the folder.", e);
        }

        var free = new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024);
        if (free < minFreeMegabytes)
            throw new StartupRefusedException($"The disk holding {folder} has {free} MB free; Varde needs at least {minFreeMegabytes} MB to start (migrations and the write-ahead log). Free some space or move the data folder.");
        TakeLock(full);
    }

    /// <summary>
    /// Once the database exists (after the migrations): the database file and its companions owner-only (0600). A new
    /// database is made by SQLite with the process's umask; the folder Varde made is already owner-only.
    /// </summary>
    public static void Tighten(string connectionString)
    {
        if (OperatingSystem.IsWindows() || FileOf(connectionString) is not { } full)
            return;
        foreach (var path in new[] { full, full + "-wal", full + "-shm", LockPath(full) }.Where(File.Exists))
            File.SetUnixFileMode(path, OwnerOnlyFile);
    }

    private static string? FileOf(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal) ? null : Path.GetFullPath(file);
    }

    // Hosts in one process (the tests' second node) share the process's lock; another process cannot get it.
    private static readonly Dictionary<string, (FileStream Stream, int Users)> Held = [];
    private string? _held;

    private void TakeLock(string databaseFile)
    {
        var path = LockPath(databaseFile);
        lock (Held)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.Stream, held.Users + 1);
                _held = path;
                return;
            }

            try
            {
                // FileShare.None is an exclusive lock (flock on Linux) for as long as the stream is open: a second Varde fails here.
                var stream = OperatingSystem.IsWindows()
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                    : new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, UnixCreateMode = OwnerOnlyFile });
                Held[path] = (stream, 1);
                _held = path;
            }
            catch (IOException e)
            {
                throw new DatabaseInUseException(
                    $"Another Varde process is using the database {databaseFile} (its lock file {path} is held). SQLite serves one process only: stop the other one, or use PostgreSQL for several nodes.",
                    e);
            }
        }
    }

    public void Dispose()
    {
        lock (Held)
        {
            if (_held is null || !Held.TryGetValue(_held, out var held))
                return;
            if (held.Users > 1)
                Held[_held] = (held.Stream, held.Users - 1);
            else
            {
                held.Stream.Dispose();
                Held.Remove(_held);
            }

            _held = null;
        }
    }
}

/// <summary>Varde does not start, for a reason the operator can fix; the message says which and how.</summary>
public class StartupRefusedException(string message, Exception? inner = null) : InvalidOperationException(message, inner);

/// <summary>Another Varde process holds the SQLite database: this one does not start (<see cref="SqliteFiles"/>).</summary>
public sealed class DatabaseInUseException(string message, Exception inner) : StartupRefusedException(message, inner);
