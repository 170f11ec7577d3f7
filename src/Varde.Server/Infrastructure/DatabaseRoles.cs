using Microsoft.EntityFrameworkCore;
using Npgsql;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Two PostgreSQL roles (issue 22 item 4, docs/operations.md): the tables' owner, which migrations run as
/// (<c>ConnectionStrings:varde-owner</c>), and the role Varde connects with (<c>ConnectionStrings:varde</c>), which may
/// read and write rows and nothing else: it cannot alter or drop a table, nor disable or drop the triggers that keep the
/// logs append-only, and it may only read the audit logs' seals (the sealing job writes them as the owner). Without an owner string Varde migrates with its own connection (one role, as in the demo).
/// </summary>
public static class DatabaseRoles
{
    public const string OwnerConnectionString = "varde-owner";

    /// <summary>Applies the migrations as the owner, then grants the application's role row access to every table and sequence.</summary>
    public static async Task MigrateAsOwnerAsync(string ownerConnectionString, string applicationConnectionString, CancellationToken ct)
    {
        await using var owner = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Postgres,
            new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString));
        await owner.Database.MigrateAsync(ct);
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var applicationRole = new NpgsqlConnectionStringBuilder(applicationConnectionString).Username
            ?? throw new InvalidOperationException("ConnectionStrings:varde names no user (Username=…): the role to grant to is not known.");
        if (applicationRole == ownerRole)
            return;
        var role = "\"" + applicationRole.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // The role name is quoted as an identifier (not a parameter: GRANT takes none); it comes from the operator's configuration.
#pragma warning disable EF1002
        await owner.Database.ExecuteSqlRawAsync($"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE INSERT, UPDATE, DELETE ON audit_seals FROM {role};
            """, ct);
#pragma warning restore EF1002
    }
}
