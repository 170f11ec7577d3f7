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
                {
                    var rss = server.Memory().Rss;
                    Samples.Add((DateTimeOffset.UtcNow, rss));
                    if (rss > AtLargest.Rss)
                    {
                        var (anonymous, shared, files) = server.ResidentParts();
                        AtLargest = (rss, anonymous, shared, files);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    public List<(DateTimeOffset At, double RssMb)> Samples { get; } = [];

    /// <summary>The largest sample, with its anonymous and file-backed parts (MB; see <see cref="ServerProcess.ResidentParts"/>).</summary>
    public (double Rss, double Anonymous, double Shared, double Files) AtLargest { get; private set; }

    /// <summary>A note of what the largest sample was made of.</summary>
    public string LargestNote() =>
        $"Largest RSS sample {AtLargest.Rss:N0} MB: anonymous {AtLargest.Anonymous:N0} MB (GC heap, native), shared {AtLargest.Shared:N0} MB (executable memory: JIT code, stubs), mapped files {AtLargest.Files:N0} MB (assemblies)";

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
