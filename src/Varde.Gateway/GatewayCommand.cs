using Microsoft.Extensions.Logging;

namespace Varde.Gateway;

/// <summary>
/// <c>varde-gateway --config FILE [--replay FILE] [--once] [--bus ADDRESS]</c>: without --replay and --once it runs
/// until stopped, reading the paired devices live through BlueZ (the system bus, or --bus) and sending as it reads.
/// Exit codes: 0 everything sent (or stopped), 1 bad arguments or settings, 2 BlueZ could not be reached, 3 readings still waiting (--once: Varde could not take them now, or set aside;
/// they are kept), 4 Varde refused readings in this run (kept, with Varde's reason, not sent again).
/// </summary>
public static class GatewayCommand
{
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, null, stop.Token);
    }

    /// <summary>The command, with its environment, output and (in tests) the HTTP handler that reaches Varde.</summary>
    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error, HttpMessageHandler? handler,
        CancellationToken stop)
    {
        string? configPath = null;
        string? replayPath = null;
        var once = false;
        string? busAddress = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    configPath = args[++i];
                    break;
                case "--replay" when i + 1 < args.Length:
                    replayPath = args[++i];
                    break;
                case "--once":
                    once = true;
                    break;
                case "--bus" when i + 1 < args.Length:
                    busAddress = args[++i];
                    break;
                default:
                    error.WriteLine($"Unknown or incomplete argument \"{args[i]}\". Use: varde-gateway --config FILE [--replay FILE] [--once] [--bus ADDRESS]");
                    return 1;
            }
        }

        if (configPath is null)
        {
            error.WriteLine("Give the settings file: varde-gateway --config FILE [--replay FILE] [--once] [--bus ADDRESS]");
            return 1;
        }

        if (!File.Exists(configPath) || (replayPath is not null && !File.Exists(replayPath)))
        {
            error.WriteLine($"No such file: {(File.Exists(configPath) ? replayPath : configPath)}");
            return 1;
        }

        var (settings, problems) = GatewaySettings.Read(await File.ReadAllTextAsync(configPath, stop), environment);
        if (settings is null)
        {
            foreach (var problem in problems)
                error.WriteLine(problem);
            return 1;
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stop);

        var store = await ReadingStore.OpenAsync(settings.Store, cancel.Token);
        var capture = new DeviceCapture(settings, store, loggers.CreateLogger<DeviceCapture>());
        if (replayPath is not null)
        {
            var (values, problem) = ReplayFile.Read(await File.ReadAllLinesAsync(replayPath, cancel.Token));
            if (problem is not null)
            {
                error.WriteLine($"{replayPath}: {problem}");
                return 1;
            }

            foreach (var value in values)
                await capture.CaptureAsync(value.Device, value.Characteristic, value.Value, value.At, cancel.Token);
        }

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = TimeSpan.FromSeconds(30);
        var forwarder = new Forwarder(store, new VardeConnection(http, settings, TimeProvider.System), settings, TimeProvider.System, loggers.CreateLogger<Forwarder>());
        if (once)
        {
            var round = await forwarder.SendWaitingAsync(cancel.Token);
            var (waiting, sent, refused, refusedValues) = await store.CountsAsync(cancel.Token);
            output.WriteLine($"sent {round.Sent} now; kept: {sent} sent, {refused} refused by Varde, {waiting} waiting; {refusedValues} device values refused");
            if (round.Interrupted is { } reason)
                error.WriteLine($"Varde could not take the rest: {reason}");
            return waiting > 0 ? 3 : round.Refused > 0 ? 4 : 0;
        }

        using var loop = new GatewayLoop(forwarder, new RetryDelays(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), new Random()), TimeProvider.System,
            loggers.CreateLogger<GatewayLoop>());
        if (replayPath is not null)
        {
            await loop.RunAsync(cancel.Token);
            return 0;
        }

        // Live: BlueZ on the system bus (or --bus), read and sent side by side until stopped.
        using var bus = new Tmds.DBus.Connection(busAddress ?? Tmds.DBus.Address.System);
        try
        {
            await bus.ConnectAsync();
        }
        catch (Exception e) when (e is Tmds.DBus.ConnectException or Tmds.DBus.DBusException or IOException or InvalidOperationException or ArgumentException)
        {
            error.WriteLine($"BlueZ could not be reached on the D-Bus system bus ({e.Message}). Is bluetoothd running?");
            return 2;
        }

        using var reader = new Bluez.BluezReader(bus, settings, capture, store, TimeProvider.System, loggers.CreateLogger<Bluez.BluezReader>());
        reader.Captured += loop.Nudge;
        await Task.WhenAll(reader.RunAsync(cancel.Token), loop.RunAsync(cancel.Token));
        return 0;
    }
}
