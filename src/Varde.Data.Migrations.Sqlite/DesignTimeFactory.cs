using Microsoft.EntityFrameworkCore.Design;

namespace Varde.Data.Migrations.Sqlite;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Varde.Data.Migrations.Sqlite</c>.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VardeDbContext>
{
    public VardeDbContext CreateDbContext(string[] args) =>
        new(VardeDatabase.Options(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}
