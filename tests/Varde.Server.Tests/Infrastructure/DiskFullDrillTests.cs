using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Issue 22 item 9, the disk-full drill: Varde as its own process with its SQLite data folder on a small tmpfs (mounted
/// by the test: it needs root, as ./test.sh runs). Readings are sent; the disk is filled to the last byte while they
/// are; then space is freed. While the disk is full no answer is 500 (503 instead, or 201 while SQLite can reuse its
/// WAL), /readyz says not ready; afterwards readings are taken again, and every reading answered 201 is there once.
/// </summary>
[Trait("Category", "Drill")]
public sealed class DiskFullDrillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheDiskFillsUnderLoad_NothingAcknowledgedIsLost_NoAnswerIs500_AndWritesResumeWhenThereIsRoom()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("The disk-full drill mounts a tmpfs and needs root (./test.sh and ./drills.sh run as root).");
        var folder = Directory.CreateTempSubdirectory("varde-diskfull-").FullName;
        var disk = Directory.CreateDirectory(Path.Combine(folder, "disk")).FullName;
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", disk);
        try
        {
            var connectionString = $"Data Source={Path.Combine(disk, "data", "varde.db")}";
            await Drill.SeedTestWorldAsync(DatabaseProvider.Sqlite, connectionString);
            var prefix = $"diskfull-{Guid.NewGuid():N}-";
            var port = Drill.FreePort();
            var acknowledged = new ConcurrentBag<string>();
            var answers = new ConcurrentDictionary<HttpStatusCode, int>();
            var sent = 0;
            var filler = Path.Combine(disk, "filler");
            HttpStatusCode readyWhileFull;
            int atFull, atFreed;
            await using (var node = ServerProcess.Start("diskfull", port, DatabaseProvider.Sqlite, connectionString, folder, ("Health__MinFreeDiskMegabytes", "4")))
            {
                await node.WaitReadyAsync(Patience);
                using var http = await Drill.NurseClientAsync(port);
                using var stop = new CancellationTokenSource();
                var senders = Drill.Send(http, prefix, () => Interlocked.Increment(ref sent), acknowledged, answers, stop.Token);
                await Drill.UntilAsync(() => acknowledged.Count >= Drill.Readings, Patience, $"{Drill.Readings} readings acknowledged before the disk fills");

                FillToTheLastByte(filler);
                atFull = acknowledged.Count;
                await Task.Delay(2000);
                readyWhileFull = (await http.GetAsync("/readyz")).StatusCode;

                File.Delete(filler);
                atFreed = acknowledged.Count;
                await Drill.UntilAsync(() => acknowledged.Count >= atFreed + 20, Patience, "20 readings acknowledged after space was freed");
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }

            SqliteConnection.ClearAllPools();
            await using var db = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Sqlite, connectionString));
            var tally = await Drill.TallyAsync(db, prefix, acknowledged);
            var integrity = await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync();
            output.WriteLine($"drill disk-full-sqlite: sent {sent}, acknowledged {acknowledged.Count} ({atFull} before the disk was full, {atFreed - atFull} while full), stored {tally.Stored}, lost {tally.Lost.Count}, duplicated {tally.Duplicated}; answers: {Drill.Answers(answers)}; /readyz while full {(int)readyWhileFull}; integrity {string.Join(" ", integrity)}");
            tally.Lost.ShouldBeEmpty();
            tally.Duplicated.ShouldBe(0);
            integrity.ShouldBe(["ok"]);
            answers.Keys.ShouldAllBe(code => code == HttpStatusCode.Created || code == HttpStatusCode.ServiceUnavailable);
            readyWhileFull.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", "-l", disk);
            Directory.Delete(folder, recursive: true);
        }
    }

    // Writes until the file system refuses: not a byte left for SQLite.
    private static void FillToTheLastByte(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
                file.Write(block);
        }
        catch (IOException)
        {
            // Full.
        }

        try
        {
            for (var size = 4096; size >= 1; size /= 2)
            {
                try
                {
                    while (true)
                        file.Write(block, 0, size);
                }
                catch (IOException)
                {
                    // Full at this size: try a smaller piece.
                }
            }
        }
        finally
        {
            try
            {
                file.Flush();
            }
            catch (IOException)
            {
                // Nothing more fits.
            }
        }
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, UseShellExecute = false })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {error}");
    }
}
