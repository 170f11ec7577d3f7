using Varde.Domain.Access;

namespace Varde.Domain.Relatives;

/// <summary>
/// One decision about what a relative may do for a patient: given, changed or withdrawn (<see cref="RelativePermissions.None"/>),
/// by whom (the patient, or staff on the patient's documented wish, with where it is documented) and when. Append-only:
/// the relative's current permissions are the newest entry's, and the history shows every consent there has been.
/// <see cref="Sequence"/> numbers a relative's decisions 1, 2, 3…: it orders them when two fall in the same instant, and
/// (unique in the database) stops two decisions made at once from both counting as the newest.
/// </summary>
public sealed record RelativeConsent(Guid Id, Guid RelativeId, Guid PatientId, int Sequence, RelativePermissions Permissions, DateTimeOffset At,
    string ByActorId, Role ByRole, string? Basis)
{
    public const int MaxBasisLength = 300;

    public bool IsWithdrawal => Permissions == RelativePermissions.None;

    /// <summary>
    /// Checks and records a consent decision. The patient decides for herself; staff must say where the patient's wish is
    /// documented (e.g. "Journalnotat 3.12., pasienten ba om det ved hjemmebesøk"). Sending reports needs seeing values.
    /// </summary>
    public static Validated<RelativeConsent> Decide(Guid id, Guid relativeId, Guid patientId, int sequence, RelativePermissions permissions, Caller by,
        string? basis, DateTimeOffset at)
    {
        var errors = new List<ValidationError>();
        if ((permissions & ~(RelativePermissions.SeeValuesAndPlan | RelativePermissions.SendReports | RelativePermissions.ReceiveMessages)) != 0)
            errors.Add(new("permissions", "Unknown permission."));
        if (permissions.HasFlag(RelativePermissions.SendReports) && !permissions.HasFlag(RelativePermissions.SeeValuesAndPlan))
            errors.Add(new("permissions", "A relative who sends readings on the patient's behalf must also be allowed to see the values and the plan."));
        var trimmed = string.IsNullOrWhiteSpace(basis) ? null : basis.Trim();
        if (by.Role != Role.Patient && trimmed is null)
            errors.Add(new("basis", "Say where the patient's wish is documented (e.g. the journal note and date)."));
        if (trimmed?.Length > MaxBasisLength)
            errors.Add(new("basis", $"Keep it to {MaxBasisLength} characters."));
        if (by.Role is not (Role.Patient or Role.Nurse or Role.Coordinator))
            errors.Add(new("by", "Only the patient, or the follow-up service's staff on the patient's documented wish, decide a relative's consent."));
        if (errors.Count > 0)
            return Validated<RelativeConsent>.Fail(errors);
        return Validated<RelativeConsent>.Ok(new(id, relativeId, patientId, sequence, permissions, at.ToUniversalTime(), by.ActorId, by.Role, trimmed));
    }

    /// <summary>The permissions in force: those of the newest decision, none if there is none.</summary>
    public static RelativePermissions Current(IEnumerable<RelativeConsent> history) =>
        history.MaxBy(c => c.Sequence)?.Permissions ?? RelativePermissions.None;
}
