using Varde.Domain.Pathways;
using Varde.Domain.Statistics;

namespace Varde.Data;

/// <summary>
/// A pathway's row as the statistics read it, tens of thousands at a time: its dates, end reason, its steps as days
/// (<see cref="PathwayStepDays"/>, not the history's and evaluations' JSON; each evaluation's step with its assessment).
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
}
