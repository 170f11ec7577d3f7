using Microsoft.EntityFrameworkCore.Design;

namespace Varde.Data.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef migrations add … --project src/Varde.Data.Migrations.Postgres</c>; needs no server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<VardeDbContext>
{
    public VardeDbContext CreateDbContext(string[] args) =>
        new(VardeDatabase.Options(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=varde_design"));
}
