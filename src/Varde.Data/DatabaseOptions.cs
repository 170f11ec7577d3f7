namespace Varde.Data;

/// <summary>Which database Varde uses: <c>Database:Provider</c> and the connection string named <c>varde</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "";
}
