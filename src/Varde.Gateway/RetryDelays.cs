namespace Varde.Gateway;

/// <summary>
/// How long to wait before trying Varde again: doubling from <see cref="First"/> to at most <see cref="Longest"/>, each
/// spread by ±20 % so many gateways that lost Varde together do not all come back in the same second.
/// </summary>
public sealed class RetryDelays(TimeSpan first, TimeSpan longest, Random random)
{
    private int _failures;

    public TimeSpan First => first;

    public TimeSpan Longest => longest;

    public TimeSpan Next()
    {
        var doubled = first.TotalMilliseconds * Math.Pow(2, Math.Min(_failures, 30));
        _failures++;
        var capped = Math.Min(doubled, longest.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * random.NextDouble())));
    }

    public void Reset() => _failures = 0;
}
