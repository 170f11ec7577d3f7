namespace Varde.Domain.Triage;

/// <summary>How far back the rules that need no plan setting look.</summary>
public static class TriageWindows
{
    /// <summary>The recent level a sudden jump is measured from.</summary>
    public static readonly TimeSpan RecentLevel = TimeSpan.FromHours(72);

    /// <summary>A re-measure within this time of a suspected jump can confirm it.</summary>
    public static readonly TimeSpan Remeasure = TimeSpan.FromHours(24);

    public static readonly TimeSpan MinimumLookback = TimeSpan.FromDays(3);
}
