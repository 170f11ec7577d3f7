using Varde.Domain.Access;
using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>
/// One version of a patient's self-management plan (egenbehandlingsplan). A version is never edited: every change
/// makes a new version with its number, author and time, so each triage result can name the exact version it used.
/// It holds the thresholds and the other <see cref="PlanRules"/> triage uses (trend and questionnaire rules, NEWS2,
/// the schedule, zone instructions, the patient's goals and contacts). A version is a draft until the patient's GP
/// approves it (<see cref="Approve"/>); only approved versions are in force (<see cref="PlanInForce"/>).
/// </summary>
public sealed class PlanVersion
{
    private readonly List<QuantityThreshold> _thresholds = [];

    private PlanVersion()
    {
        CreatedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>1 for the first version, then one more for every change.</summary>
    public int Number { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The actor id (staff member) who made this version.</summary>
    public string CreatedBy { get; private set; }

    public string? ChangeNote { get; private set; }

    public IReadOnlyList<QuantityThreshold> Thresholds => _thresholds;

    public PlanRules Rules { get; private set; } = PlanRules.None;

    /// <summary>The GP's approval; null while the version is a draft.</summary>
    public PlanApproval? Approval { get; private set; }

    public bool IsApproved => Approval is not null;

    public QuantityThreshold? ThresholdFor(MeasuredQuantity quantity) => _thresholds.FirstOrDefault(t => t.Quantity == quantity);

    public static Validated<PlanVersion> First(Guid id, Guid patientId, IReadOnlyCollection<QuantityThreshold> thresholds,
        string createdBy, DateTimeOffset createdAt, string? changeNote = null, PlanRules? rules = null) =>
        Make(id, patientId, 1, thresholds, createdBy, createdAt, changeNote, rules ?? PlanRules.None);

    /// <summary>Makes the next version with the given thresholds and rules (null keeps this version's rules); this version stays as it was.</summary>
    public Validated<PlanVersion> Revise(Guid id, IReadOnlyCollection<QuantityThreshold> thresholds, string createdBy,
        DateTimeOffset createdAt, string? changeNote = null, PlanRules? rules = null) =>
        createdAt < CreatedAt
            ? Validated<PlanVersion>.Fail("createdAt", "A new plan version cannot be older than the version it replaces.")
            : Make(id, PatientId, Number + 1, thresholds, createdBy, createdAt, changeNote, rules ?? Rules);

    /// <summary>
    /// Records the GP's approval, which puts this version in force from <paramref name="at"/>. Only a GP approves, only
    /// the newest version (an older draft was replaced by the newer one), and only once.
    /// </summary>
    public IReadOnlyList<ValidationError> Approve(Caller by, DateTimeOffset at, int newestNumber)
    {
        if (by.Role != Role.Gp)
            return [new("role", "Only the patient's GP can approve a plan version.")];
        if (Approval is not null)
            return [new("approval", $"Version {Number} is already approved.")];
        if (newestNumber != Number)
            return [new("version", $"Version {newestNumber} has replaced version {Number}; approve the newest version.")];
        if (at < CreatedAt)
            return [new("at", "A version cannot be approved before it was made.")];
        Approval = new PlanApproval(by.ActorId, at.ToUniversalTime());
        return [];
    }

    /// <summary>An approved copy in force from <paramref name="from"/>, for replaying what a version would have done (never stored).</summary>
    public PlanVersion AsInForceFrom(DateTimeOffset from)
    {
        var copy = Make(Id, PatientId, Number, _thresholds, CreatedBy, from, ChangeNote, Rules).Value;
        copy.Approval = new PlanApproval(Approval?.ApprovedBy ?? CreatedBy, from);
        return copy;
    }

    private static Validated<PlanVersion> Make(Guid id, Guid patientId, int number, IReadOnlyCollection<QuantityThreshold> thresholds,
        string createdBy, DateTimeOffset createdAt, string? changeNote, PlanRules rules)
    {
        rules = rules.Normalised();
        var errors = PlanContent.Check(thresholds, rules);
        if (string.IsNullOrWhiteSpace(createdBy))
            errors.Add(new("createdBy", "A plan version must say who made it."));
        if (changeNote is { Length: > 2000 })
            errors.Add(new("changeNote", "A change note is at most 2000 characters."));
        if (errors.Count > 0)
            return Validated<PlanVersion>.Fail(errors);

        var version = new PlanVersion
        {
            Id = id,
            PatientId = patientId,
            Number = number,
            CreatedAt = createdAt.ToUniversalTime(),
            CreatedBy = createdBy,
            ChangeNote = string.IsNullOrWhiteSpace(changeNote) ? null : changeNote.Trim(),
            Rules = rules,
        };
        version._thresholds.AddRange(thresholds.OrderBy(t => t.Quantity));
        return Validated<PlanVersion>.Ok(version);
    }
}
