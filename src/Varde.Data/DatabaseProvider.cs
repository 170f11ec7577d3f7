namespace Varde.Data;

public enum DatabaseProvider
{
    /// <summary>Embedded default: a file in the data folder.</summary>
    Sqlite,

    /// <summary>Production database.</summary>
    Postgres,
}
