using Varde.Domain;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>What became of one incoming report: stored and judged, recognised as a resend, or refused with the reason.</summary>
public abstract record IntakeOutcome
{
    /// <summary>Stored now, with its triage record, the plan that judged it and the patient's follow-up service (for the patient's instruction).</summary>
    public sealed record Stored(Shaped Report, TriageRecord Record, PlanVersion? Plan, Guid ServiceId) : IntakeOutcome;

    /// <summary>The same report was stored before (or earlier in the same request): the stored one and its current record.</summary>
    public sealed record Resent(Shaped Report, TriageRecord? Record, Guid ServiceId) : IntakeOutcome;

    /// <summary>Not stored, and why, by field.</summary>
    public sealed record Refused(Refusal Kind, IReadOnlyList<ValidationError> Errors) : IntakeOutcome
    {
        public string Message => string.Join(" ", Errors.Select(e => e.Message));
    }

    /// <summary>Not stored because another report of the same all-or-nothing request was refused.</summary>
    public sealed record NotAttempted : IntakeOutcome;
}

/// <summary>Why a report was refused: it is invalid, its patient is not one the caller may see, or its client id names another report.</summary>
public enum Refusal
{
    Invalid,
    PatientNotFound,
    ClientIdReused,
}

/// <summary>A request's reports are stored all or none (a transaction bundle), or each on its own (a batch, a single create).</summary>
public enum IntakeMode
{
    AllOrNothing,
    EachOnItsOwn,
}
