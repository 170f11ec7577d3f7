using System.Threading.Channels;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Group commit (issue 15, ADR 0019, ADR 0038): every request without Devices to create first is taken in here, with
/// the others waiting beside it, in <b>one</b> transaction and one commit (<see cref="ReportIntake.TakeInTogetherAsync"/>),
/// each request with its own caller, its own all-or-nothing and its own answers.
/// <list type="bullet">
/// <item>Requests of one report (a single POST from a device, the patient app or the JSON API) go to their patient's
/// writer: patients are hashed to a few writers (<c>Intake:Writers</c>, by default one per core), so one patient's
/// single reports always meet in the same writer, one group at a time.</item>
/// <item>Requests of several reports (bundles), which name patients of every writer, go to the bundle writer: bundles
/// sent at once mostly name the same patients (a glucose sensor reports every five minutes), so rather than wait for
/// each other's hold they are taken in as one.</item>
/// </list>
/// A writer takes what is waiting for it when it is free, up to <see cref="MaxGroup"/> reports. A group that fails as a
/// whole is taken again one request at a time, so one request's failure is never another's.
/// </summary>
public sealed partial class IntakeWriters : IAsyncDisposable
{
    /// <summary>The most reports one group takes in (a request larger than this is a group of its own).</summary>
    public const int MaxGroup = 1_000;

    private sealed record Job(IntakeRequest Request, TaskCompletionSource<IReadOnlyList<IntakeOutcome>> Done);

    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<IntakeWriters> _logger;
    private readonly Channel<Job>[] _singles;
    private readonly Channel<Job> _bundles;
    private readonly Task[] _loops;
    private readonly CancellationTokenSource _stopping = new();
    private long _groups;
    private int _waiting;

    public IntakeWriters(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<IntakeWriters> logger)
    {
        _scopes = scopes;
        _logger = logger;
        var count = configuration.GetValue<int?>("Intake:Writers") ?? Environment.ProcessorCount;
        _singles = [.. Enumerable.Range(0, Math.Max(0, count)).Select(_ => Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true }))];
        _bundles = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
        _loops = Enabled ? [.. _singles.Append(_bundles).Select(q => Task.Run(() => WriteAsync(q.Reader, _stopping.Token)))] : [];
    }

    /// <summary>Whether requests go through the writers (<c>Intake:Writers</c> is not 0).</summary>
    public bool Enabled => _singles.Length > 0;

    /// <summary>How many groups the writers have taken in (for tests and metrics).</summary>
    public long Groups => Interlocked.Read(ref _groups);

    /// <summary>How many requests wait for a writer now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The writer a patient's single reports go to.</summary>
    public int WriterOf(Guid patientId) => (int)((uint)patientId.GetHashCode() % (uint)_singles.Length);

    /// <summary>Takes in one request with the others waiting at its writer; the outcomes are this request's.</summary>
    public async Task<IReadOnlyList<IntakeOutcome>> TakeInAsync(IntakeRequest request, CancellationToken ct)
    {
        var job = new Job(request, new TaskCompletionSource<IReadOnlyList<IntakeOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously));
        var queue = request.Reports.Count == 1 ? _singles[WriterOf(request.Reports[0].PatientId)] : _bundles;
        await queue.Writer.WriteAsync(job, ct);
        Interlocked.Increment(ref _waiting);
        // The request is taken in even if the caller stops waiting: a resend is then answered with what was stored.
        return await job.Done.Task.WaitAsync(ct);
    }

    private async Task WriteAsync(ChannelReader<Job> queue, CancellationToken stopping)
    {
        var group = new List<Job>();
        while (await queue.WaitToReadAsync(stopping))
        {
            group.Clear();
            var reports = 0;
            while ((group.Count == 0 || (queue.TryPeek(out var next) && reports + next.Request.Reports.Count <= MaxGroup)) && queue.TryRead(out var job))
            {
                group.Add(job);
                reports += job.Request.Reports.Count;
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
    private async Task<IReadOnlyList<IntakeOutcome>[]> TakeInAsync(List<Job> group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<ReportIntake>();
        return await intake.TakeInTogetherAsync([.. group.Select(j => j.Request)], _stopping.Token);
    }

    public async ValueTask DisposeAsync()
    {
        // What is waiting is still taken in (for up to ten seconds), then the rest is cancelled.
        foreach (var queue in _singles.Append(_bundles))
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

    [LoggerMessage(LogLevel.Warning, "A group of {Count} requests failed as a whole; taking them in one at a time")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);
}
