using Varde.Data.Conventions;
using Varde.Domain.Pathways;
using Varde.Domain.Statistics;

namespace Varde.Data;

/// <summary>
/// A pathway's row as the statistics read it, tens of thousands at a time: its dates, end reason, its steps as days
/// (<see cref="PathwayStepDays"/>, not the history's JSON), and its evaluations as the JSON text stored, which
/// <see cref="HeldEvaluations"/> reads only when one was held.
/// Read-only, mapped to the <c>pathways</c> table as a view (so migrations never create it).
/// </summary>
public sealed class PathwayRow
{
    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public DateTimeOffset ReferredAt { get; private set; }

    public DateTimeOffset? TrialStartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public EndReason? EndReason { get; private set; }

    /// <summary>The steps as days (<see cref="PathwayStepDays"/>): the history's JSON is about five times the characters.</summary>
    public string StepDays { get; private set; } = "";

    public string Evaluations { get; private set; } = "[]";

    /// <summary>The evaluations that were held (read as the entity reads them), or none without reading the text further.</summary>
    public static IReadOnlyList<Evaluation> HeldEvaluations(string evaluations) =>
        evaluations.Contains("\"heldAt\":\"", StringComparison.Ordinal)
            ? [.. JsonColumn.Read<Evaluation>(evaluations).Where(e => e.HeldAt is not null)]
            : [];
}
