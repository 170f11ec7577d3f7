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
        var stripe = _stripes[StripeOf(patientId)];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    /// <summary>
    /// The locks of several patients (a bundle): each stripe once (two patients may share one) and in stripe order, so
    /// two callers taking overlapping sets cannot wait for each other.
    /// </summary>
    public async Task<IDisposable> AcquireManyAsync(IEnumerable<Guid> patientIds, CancellationToken ct)
    {
        var held = new List<IDisposable>();
        try
        {
            foreach (var index in patientIds.Select(StripeOf).Distinct().Order())
            {
                await _stripes[index].WaitAsync(ct);
                held.Add(new Release(_stripes[index]));
            }

            return new ReleaseAll(held);
        }
        catch
        {
            new ReleaseAll(held).Dispose();
            throw;
        }
    }

    private int StripeOf(Guid patientId) => (patientId.GetHashCode() & int.MaxValue) % _stripes.Length;

    private sealed class ReleaseAll(List<IDisposable> held) : IDisposable
    {
        public void Dispose()
        {
            foreach (var h in held)
                h.Dispose();
        }
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
