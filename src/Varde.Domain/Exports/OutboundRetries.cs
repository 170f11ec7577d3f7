namespace Varde.Domain.Exports;

/// <summary>When what goes out to another system (a journal note, a national export batch) is tried again after a failure.</summary>
public static class OutboundRetries
{
    /// <summary>The waits after the first, second, … failed try; after the last it is given up (and stays in Varde).</summary>
    public static readonly IReadOnlyList<TimeSpan> Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(8)];

    /// <summary>The next try after <paramref name="attempts"/> failed ones, the last at <paramref name="at"/>; null when it is given up.</summary>
    public static DateTimeOffset? NextTry(int attempts, DateTimeOffset at) =>
        attempts > Delays.Count ? null : at.ToUniversalTime() + Delays[attempts - 1];
}
