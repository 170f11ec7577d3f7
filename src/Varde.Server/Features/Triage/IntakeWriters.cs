using System.Threading.Channels;
using Varde.Domain.Access;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Group commit for requests of one report (a single POST from a device, the patient app or the JSON API), issue 15:
/// patients are hashed to a few writers (<c>Intake:Writers</c>, by default one per core); each writer takes what is
/// waiting for it when it is free (up to <see cref="MaxGroup"/> reports) and takes it in through
/// <see cref="ReportIntake.TakeInTogetherAsync"/> in <b>one</b> transaction and one commit, each report with its own
/// caller and its own outcome. One patient's reports always meet in the same writer, one group at a time. A group that
/// fails as a whole is taken again one report at a time, so one report's failure is never another's. Bundles and other
/// requests of several reports are a group already and do not wait here.
/// </summary>
public sealed partial class IntakeWriters : IAsyncDisposable
{
    /// <summary>The most reports one group takes in.</summary>
    public const int MaxGroup = 256;

    private sealed record Job(IncomingReport Report, Caller Caller, TaskCompletionSource<IntakeOutcome> Done);

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<IntakeWriters> _logger;
    private readonly Channel<Job>[] _queues;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _stopping = new();
    private long _groups;
    private int _waiting;

    public IntakeWriters(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<IntakeWriters> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var count = configuration.GetValue<int?>("Intake:Writers") ?? Environment.ProcessorCount;
        _queues = [.. Enumerable.Range(0, Math.Max(0, count)).Select(_ => Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true }))];
        _loops = [.. _queues.Select(q => Task.Run(() => WriteAsync(q.Reader, _stopping.Token)))];
    }

    /// <summary>Whether single reports go through the writers (<c>Intake:Writers</c> is not 0).</summary>
    public bool Enabled => _queues.Length > 0;

    /// <summary>How many groups the writers have taken in (for tests and metrics).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>How many reports wait for a writer now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The writer a patient's single reports go to.</summary>
    public int WriterOf(Guid patientId) => (int)((uint)patientId.GetHashCode() % (uint)_queues.Length);

    /// <summary>Takes in one report with the others waiting at its patient's writer; the outcome is this report's.</summary>
    public async Task<IntakeOutcome> TakeInAsync(IncomingReport report, Caller caller, CancellationToken ct)
    {
        var job = new Job(report, caller, new TaskCompletionSource<IntakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        var queue = _queues[WriterOf(report.PatientId)];
        await queue.Writer.WriteAsync(job, ct);
        Interlocked.Increment(ref _waiting);
        // The report is taken in even if the caller stops waiting: a resend is then answered with what was stored.
        return await job.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync(ChannelReader<Job> queue, CancellationToken stopping)
    {
        var group = new List<Job>(MaxGroup);
        while (await queue.WaitToReadAsync(stopping))
        {
            group.Clear();
            while (group.Count < MaxGroup && queue.TryRead(out var job))
            {
                group.Add(job);
                Interlocked.Decrement(ref _waiting);
            }
            if (group.Count == 0)
                continue;
            Interlocked.Increment(ref _groups);
            try
            {
                var outcomes = await TakeInAsync(group);
                for (var i = 0; i < group.Count; i++)
                    group[i].Done.TrySetResult(outcomes[i]);
            }
            catch (Exception e) when (group.Count > 1 && e is not OperationCanceledException)
            {
                LogGroupFailed(_logger, group.Count, e);
                foreach (var job in group)
                    await TakeInAloneAsync(job);
            }
            catch (Exception e)
            {
                foreach (var job in group)
                    job.Done.TrySetException(e);
            }
        }
    }

    private async Task TakeInAloneAsync(Job job)
    {
        try
        {
            job.Done.TrySetResult((await TakeInAsync([job]))[0]);
        }
        catch (Exception e)
        {
            job.Done.TrySetException(e);
        }
    }

    // A fresh scope (and database context) per group, as a request has.
    private async Task<IReadOnlyList<IntakeOutcome>> TakeInAsync(List<Job> group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ReportIntake>();
        return await intake.TakeInTogetherAsync([.. group.Select(j => j.Report)], [.. group.Select(j => j.Caller)], _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // What is waiting is still taken in (for up to ten seconds), then the rest is cancelled.
        foreach (var queue in _queues)
            queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync();
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "A group of {Count} reports failed as a whole; taking them in one at a time")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
