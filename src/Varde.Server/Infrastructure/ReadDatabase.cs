namespace Varde.Server.Infrastructure;

/// <summary>
/// Where the leaders' figures are read (issue 22 item 7, docs/operations.md): with
/// <c>ConnectionStrings:varde-read</c> on PostgreSQL (a standby, or a multi-host string with
/// <c>Target Session Attributes=prefer-standby</c>), the statistics, cost and survey-figure handlers read there, so a
/// year's figures for a whole installation do not load the primary that takes the readings; without it they read from
/// the primary. The figures may then be a moment behind (replication lag): they are about months, not minutes.
/// Handlers ask for it with <c>[FromKeyedServices(ReadDatabase.Key)] VardeDbContext</c>; they only read.
/// </summary>
public static class ReadDatabase
{
    public const string Key = "read";

    public const string ConnectionString = "varde-read";
}
