using Microsoft.Extensions.Logging;

namespace Varde.Gateway;

/// <summary>
/// The forwarding loop of a running gateway: send what is waiting; when Varde cannot be reached, wait a growing,
/// spread delay (<see cref="RetryDelays"/>) and try again; when all is sent, wait for a new capture or the poll
/// interval. Stops when cancelled; whatever is waiting stays in the store for the next start.
/// </summary>
public sealed class GatewayLoop(Forwarder forwarder, RetryDelays delays, TimeProvider clock, ILogger<GatewayLoop> logger) : IDisposable
{
    private readonly SemaphoreSlim _captured = new(0);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wakes the loop after a capture, so a reading goes at once.</summary>
    public void Nudge()
    {
        if (_captured.CurrentCount == 0)
            _captured.Release();
    }

    public void Dispose() => _captured.Dispose();

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ForwardRound round;
            try
            {
                round = await forwarder.SendWaitingAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or System.Text.Json.JsonException or InvalidOperationException)
            {
                // The store or an answer could not be read: nothing is marked, so nothing is lost; wait and try again.
                var delay = delays.Next();
                GatewayLog.LoopFailed(logger, e.GetType().Name + ": " + e.Message, delay);
                try
                {
                    await Task.Delay(delay, clock, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (round.Sent + round.Refused > 0)
                GatewayLog.Sent(logger, round.Sent, round.Refused);
            try
            {
                if (round.WasInterrupted)
                {
                    var delay = delays.Next();
                    GatewayLog.TryingLater(logger, round.Interrupted!, delay);
                    await Task.Delay(delay, clock, ct);
                }
                else
                {
                    delays.Reset();
                    await _captured.WaitAsync(PollInterval, ct);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
