namespace Varde.Data;

/// <summary>
/// How far a summary table is complete: every hour before <see cref="Through"/> is in it, nothing after. Readers take
/// the summary before it and count the rest from the rows themselves, so a figure is the same whether or not the job
/// that writes the summary has run. The row exists from the migration on, so there is always a row to lock.
/// </summary>
public sealed class SummaryWatermark
{
    /// <summary>The summary's name (its table's).</summary>
    public string Name { get; set; } = "";

    /// <summary>The end (exclusive) of what is summarised; UTC, on the hour. Null before the first run: nothing is.</summary>
    public DateTimeOffset? Through { get; set; }

    /// <summary>
    /// Moved on by anything that changes summarised rows besides the job (a patient moving to another service): a job
    /// run that read its rows before such a change finds another version when it moves <see cref="Through"/>, and rolls back.
    /// </summary>
    public int Version { get; set; }
}
