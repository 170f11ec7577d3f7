using System.Diagnostics;

namespace Varde.Server.Infrastructure;

/// <summary>What the server is doing while it starts, said before and after each slow step (issue 16: it printed nothing until it was up).</summary>
public static partial class StartupLog
{
    public static async Task TimedAsync(ILogger logger, string step, Func<Task> run)
    {
        LogStarting(logger, step);
        var started = Stopwatch.GetTimestamp();
        await run();
        LogDone(logger, step, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    [LoggerMessage(LogLevel.Information, "{Step}…")]
    private static partial void LogStarting(ILogger logger, string step);

    [LoggerMessage(LogLevel.Information, "{Step}: done in {Seconds:0.0} s.")]
    private static partial void LogDone(ILogger logger, string step, double seconds);
}
