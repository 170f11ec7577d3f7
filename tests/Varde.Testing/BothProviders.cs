using Varde.Data;

namespace Varde.Testing;

/// <summary>Theory data that runs a test once on SQLite and once on PostgreSQL.</summary>
public sealed class BothProviders : TheoryData<DatabaseProvider>
{
    public BothProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
