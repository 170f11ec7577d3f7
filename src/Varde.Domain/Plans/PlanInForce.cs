namespace Varde.Domain.Plans;

/// <summary>
/// Which plan version judges a report: the newest version made at or before the report was measured. A reading from
/// before the first plan (the trial period) has none and is left to a nurse. (GP approval will narrow this to approved versions.)
/// </summary>
public static class PlanInForce
{
    public static PlanVersion? At(IReadOnlyList<PlanVersion> versions, DateTimeOffset effectiveAt) =>
        versions.Where(v => v.CreatedAt <= effectiveAt).MaxBy(v => v.Number);

    /// <summary>How far back triage must read so every version's rules see their whole window.</summary>
    public static TimeSpan Lookback(IReadOnlyList<PlanVersion> versions) =>
        versions.Select(v => v.Rules.Lookback).DefaultIfEmpty(Triage.TriageWindows.MinimumLookback).Max();
}
