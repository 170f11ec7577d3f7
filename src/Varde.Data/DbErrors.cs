using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Varde.Data;

/// <summary>Recognises database errors the handlers treat as expected outcomes.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// Whether an exception (or one inside it) says the database cannot take the request now, not that the request is
    /// wrong: unreachable, shutting down or starting, read-only, out of disk, or locked for longer than the wait. The
    /// right answer is 503 with Retry-After.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14:
                    return true;
                // Connection exceptions (08), insufficient resources such as a full disk (53), operator intervention
                // such as a shutdown or a database that does not take connections now (57, 55000), a read-only
                // transaction (25006: a standby, or a database set read-only), an unknown database (3D000: renamed or gone).
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57", StringComparison.Ordinal) || postgres.SqlState is "55000" or "25006" or "3D000":
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own: the server could not be reached or the connection broke.
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException:
                    return true;
                // No host of a multi-host connection string takes writes now ("No suitable host was found": a primary
                // gone, its standby not yet promoted): a plain NpgsqlException with nothing inside. Its subclasses (an
                // operation already in progress on a connection: a bug) are not.
                case NpgsqlException npgsql when npgsql.GetType() == typeof(NpgsqlException) && npgsql.InnerException is null:
                    return true;
            }
        }

        return false;
    }
}
