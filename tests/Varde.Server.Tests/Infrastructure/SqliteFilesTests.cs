using Varde.Server.Infrastructure;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>Issue 22 item 5: the SQLite data folder and database are Varde's user's alone, and one process uses a database file.</summary>
public sealed class SqliteFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("varde-files-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ANewDataFolderAndDatabase_AreTheOwnersOnly()
    {
        var file = Path.Combine(_root, "data", "varde.db");
        using var files = new SqliteFiles();

        files.Prepare($"Data Source={file}");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
        {
            connection.Open(); // SQLite makes the file, with the process's umask
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);";
            command.ExecuteNonQuery();
            SqliteFiles.Tighten($"Data Source={file}");
            File.GetUnixFileMode(file + "-wal").ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.GetUnixFileMode(Path.GetDirectoryName(file)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnExistingWorldReadableDatabase_IsTightenedAtStart()
    {
        var file = Path.Combine(_root, "varde.db");
        File.WriteAllBytes(file, []);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        SqliteFiles.Tighten($"Data Source={file}");

        File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task AnotherProcess_CannotTakeTheDatabase_UntilThisOneStops_WhileHostsOfThisProcessShareIt()
    {
        var file = Path.Combine(_root, "varde.db");
        var first = new SqliteFiles();
        first.Prepare($"Data Source={file}");
        using (var sameProcess = new SqliteFiles())
            Should.NotThrow(() => sameProcess.Prepare($"Data Source={file}"));

        // flock(1) is another process asking for the same exclusive lock a second Varde would take.
        (await FlockAsync(SqliteFiles.LockPath(file))).ShouldBe(1);
        first.Dispose();
        (await FlockAsync(SqliteFiles.LockPath(file))).ShouldBe(0);
    }

    [Fact]
    public void TooLittleFreeDisk_StopsTheStart_WithHowMuchThereIsAndIsNeeded()
    {
        using var files = new SqliteFiles();

        var refused = Should.Throw<StartupRefusedException>(() => files.Prepare($"Data Source={Path.Combine(_root, "varde.db")}", minFreeMegabytes: long.MaxValue));

        refused.Message.ShouldContain("MB free; Varde needs at least");
        File.Exists(SqliteFiles.LockPath(Path.Combine(_root, "varde.db"))).ShouldBeFalse();
    }

    private static async Task<int> FlockAsync(string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("flock", ["--nonblock", path, "true"]))!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
