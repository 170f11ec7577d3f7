namespace Varde.Bench;

/// <summary>Samples the server's resident memory at an interval until stopped; the peak is the kernel's high-water mark.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly ServerProcess _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MemorySampler(ServerProcess server, TimeSpan interval)
    {
        _server = server;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    Samples.Add((DateTimeOffset.UtcNow, server.Memory().Rss));
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public List<(DateTimeOffset At, double RssMb)> Samples { get; } = [];

    /// <summary>Stops sampling and returns the peak resident set size (MB).</summary>
    public double Stop()
    {
        _stop.Cancel();
        _loop.Wait();
        return _server.Memory().Peak;
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
            _stop.Cancel();
        _stop.Dispose();
    }
}
