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
    public void ASecondUserOfTheSameFile_IsRefusedWithAClearMessage_UntilTheFirstStops()
    {
        var file = Path.Combine(_root, "varde.db");
        var first = new SqliteFiles();
        first.Prepare($"Data Source={file}");

        using var second = new SqliteFiles();
        var refused = Should.Throw<InvalidOperationException>(() => second.Prepare($"Data Source={file}"));
        refused.Message.ShouldContain("Another Varde process is using the database");
        refused.Message.ShouldContain("PostgreSQL");

        first.Dispose();
        using var third = new SqliteFiles();
        Should.NotThrow(() => third.Prepare($"Data Source={file}"));
    }
}
