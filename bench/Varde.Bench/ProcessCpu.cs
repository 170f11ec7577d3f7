using System.Diagnostics;
using System.Globalization;

namespace Varde.Bench;

/// <summary>
/// CPU time a process has used (user + system), read from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks of
/// <c>getconf CLK_TCK</c>), for the whole process: all its threads, on every core.
/// </summary>
public static class ProcessCpu
{
    private static readonly Lazy<double> s_ticksPerSecond = new(ReadTicksPerSecond);

    public static double TicksPerSecond => s_ticksPerSecond.Value;

    /// <summary>The process's own CPU time (utime + stime).</summary>
    public static TimeSpan Of(int pid)
    {
        var f = Fields(pid);
        return FromTicks(f[Utime] + f[Stime]);
    }

    /// <summary>
    /// The CPU time of a process and its children, as for PostgreSQL's postmaster and its backends: the parent's own
    /// time, the time of children that ended (cutime + cstime), and the time of those still running. A child that ends
    /// between two readings moves from the last sum to the second, so a difference of two readings stays right.
    /// </summary>
    public static TimeSpan OfTree(int parentPid)
    {
        var parent = Fields(parentPid);
        var ticks = parent[Utime] + parent[Stime] + parent[Cutime] + parent[Cstime];
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == parentPid)
                continue;
            try
            {
                var f = Fields(pid);
                if (f[Ppid] == parentPid)
                    ticks += f[Utime] + f[Stime];
            }
            catch (IOException)
            {
                // The process ended while the folder was read; its time is in the parent's cutime now.
            }
        }

        return FromTicks(ticks);
    }

    // Indexes into the fields after the command name, counted from field 3 (state) as 0: ppid is field 4, utime 14,
    // stime 15, cutime 16, cstime 17 (proc(5)).
    private const int Ppid = 4 - 3;
    private const int Utime = 14 - 3;
    private const int Stime = 15 - 3;
    private const int Cutime = 16 - 3;
    private const int Cstime = 17 - 3;

    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static long[] Fields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return rest.Take(Cstime + 1).Select(s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
    }

    private static double ReadTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var output = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            if (double.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0)
                return ticks;
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return 100; // USER_HZ on Linux
    }
}
