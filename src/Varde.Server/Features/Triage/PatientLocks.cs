namespace Varde.Server.Features.Triage;

/// <summary>
/// One patient's reports are triaged one at a time: each is judged against the ones before it, so two arriving at
/// once must not both miss each other. Striped locks keyed by patient id (Varde runs as one node; see ADR 0008).
/// </summary>
public sealed class PatientLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 512).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(Guid patientId, CancellationToken ct)
    {
        var stripe = _stripes[(patientId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                stripe.Release();
        }
    }
}
