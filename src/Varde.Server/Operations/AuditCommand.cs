using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Features.Audit;

namespace Varde.Server.Operations;

/// <summary>
/// <c>varde audit verify [--head LOG:SEQ:HASH]…</c> (issue 22 item 4, ADR 0051, docs/operations.md): checks both audit
/// logs against their hash chains on the configured database, and the chain against heads kept outside it (from the
/// application log's "Audit log … sealed; head …" lines). Prints what it found; exit code 0 when intact, 2 when not,
/// 1 when it could not check.
/// </summary>
public static class AuditCommand
{
    public const string Usage = "varde audit verify [--head LOG:SEQ:HASH]…";

    public static bool Handles(string[] args) => args.FirstOrDefault() == "audit";

    // A setting given on the command line (--Database:Provider=Postgres), which Program reads as configuration.
    private static bool IsConfiguration(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':') && arg.Contains('=');

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, CancellationToken ct = default)
    {
        if (args.ElementAtOrDefault(1) != "verify")
        {
            await output.WriteLineAsync("Usage: " + Usage);
            return 1;
        }

        // Every argument is understood or refused: a mistyped --head must not pass as "intact" unchecked.
        var heads = new List<AuditChainHead>();
        for (var i = 2; i < args.Length; i++)
        {
            var arg = args[i];
            var text = arg.StartsWith("--head=", StringComparison.Ordinal) ? arg["--head=".Length..]
                : arg == "--head" ? args.ElementAtOrDefault(++i)
                : null;
            if (text is null && IsConfiguration(arg))
                continue;
            if (text is null || AuditChainHead.Parse(text) is not { } head)
            {
                await output.WriteLineAsync($"Not checked: '{arg}{(arg == "--head" ? " " + text : "")}' is not understood; --head takes LOG:SEQ:HASH (access or admin, a place from 1, 64 lower-case hex digits). {Usage}");
                return 1;
            }

            heads.Add(head);
        }

        var connection = configuration.GetConnectionString("varde");
        if (connection is null)
        {
            await output.WriteLineAsync("Not checked: the connection string 'varde' (ConnectionStrings:varde) is not set.");
            return 1;
        }

        var provider = configuration.GetValue($"{DatabaseOptions.SectionName}:Provider", DatabaseProvider.Sqlite);
        AuditChainReport report;
        try
        {
            await using var db = new VardeDbContext(VardeDatabase.Options(provider, connection));
            report = await new VerifyAuditChain(db).RunAsync(heads, ct);
        }
        catch (Exception e) when (DbErrors.IsUnavailable(e) || e is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            await output.WriteLineAsync($"Not checked: {e.Message}");
            return 1;
        }

        foreach (var log in report.Logs)
            await WriteAsync(output, log);
        await output.WriteLineAsync(report.Intact ? "The audit logs are intact." : "The audit logs are NOT intact.");
        return report.Intact ? 0 : 2;
    }

    private static async Task WriteAsync(TextWriter output, AuditLogReport log)
    {
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        await output.WriteLineAsync($"{log.Log}: {N(log.Sealed)} entries in the chain, {N(log.Waiting)} waiting to be sealed; head {(log.Head?.ToString() ?? "none")}");
        if (log.BrokenCount > 0)
            await output.WriteLineAsync($"  {N(log.BrokenCount)} broken links; the first at {log.Log}:{log.Broken[0].Seq} (entry {log.Broken[0].EntryId}): {log.Broken[0].What}");
        foreach (var link in log.Broken.Skip(1))
            await output.WriteLineAsync($"  broken at {log.Log}:{link.Seq} (entry {link.EntryId}): {link.What}");
        if (log.UnsealedCount > 0)
            await output.WriteLineAsync($"  {N(log.UnsealedCount)} entries not in the chain although their time is sealed (written afterwards: forged or backdated): {string.Join(", ", log.Unsealed)}");
        foreach (var head in log.HeadsNotMet)
            await output.WriteLineAsync($"  head not met: {head}");
    }
}
