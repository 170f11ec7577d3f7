namespace Varde.Domain.Plans;

/// <summary>
/// Which plan version judges a report: the newest version the GP had approved when the report was measured. Drafts
/// are never in force. A reading from before the first approval (the trial period) has none and is left to a nurse.
/// </summary>
public static class PlanInForce
{
    public static PlanVersion? At(IReadOnlyList<PlanVersion> versions, DateTimeOffset effectiveAt) =>
        versions.Where(v => v.Approval is { } a && a.ApprovedAt <= effectiveAt).MaxBy(v => v.Number);

    /// <summary>The version in force now: the newest approved one.</summary>
    public static PlanVersion? Newest(IReadOnlyList<PlanVersion> versions) => versions.Where(v => v.IsApproved).MaxBy(v => v.Number);

    /// <summary>
    /// Whether triage of one kind of report (subject) can depend on, or change, reports of another kind: only through
    /// NEWS2, which combines vital signs. Without NEWS2 in any version, every rule (thresholds, sudden jumps, trends,
    /// runs of yellow, questionnaire rules) reads only earlier reports of the same subject, so intake may read just those.
    /// </summary>
    public static bool CrossesSubjects(IReadOnlyList<PlanVersion> versions) => versions.Any(v => v.Rules.News2 is not null);

    /// <summary>How far back triage must read so every version's rules see their whole window.</summary>
    public static TimeSpan Lookback(IReadOnlyList<PlanVersion> versions) =>
        versions.Select(v => v.Rules.Lookback).DefaultIfEmpty(Triage.TriageWindows.MinimumLookback).Max();
}
