namespace Varde.Domain.Access;

/// <summary>
/// Emergency access (nødtilgang, break-glass): a clinician who needs a patient outside her need-to-know, e.g. a GP covering
/// for a colleague, opens access with a reason; it lasts <see cref="Duration"/> and reaches the patient's data for
/// reading as the gate opens it, with every act marked as break-glass in the patient's access log and the use on the
/// leader's review list. Append-only: a use is never changed or deleted; its review is a <see cref="BreakGlassReview"/>.
/// </summary>
public sealed record BreakGlassAccess(Guid Id, Guid PatientId, string ActorId, Role ActorRole, Guid ActorOrganisationId, string Reason,
    DateTimeOffset At, DateTimeOffset Until)
{
    public static readonly TimeSpan Duration = TimeSpan.FromHours(2);
    public const int MinReasonLength = 10;
    public const int MaxReasonLength = 500;

    /// <summary>Clinicians, who may need a patient in an emergency; never leaders, administrators, systems, patients or relatives.</summary>
    public static bool MayOpen(Role role) => role is Role.Nurse or Role.Coordinator or Role.Gp or Role.Specialist;

    public bool IsOpenAt(DateTimeOffset now) => At <= now && now < Until;

    public static Validated<BreakGlassAccess> Open(Guid id, Guid patientId, Caller caller, string? reason, DateTimeOffset at)
    {
        var errors = new List<ValidationError>();
        if (!MayOpen(caller.Role))
            errors.Add(new("role", "Only clinicians (nurses, coordinators, GPs and specialists) can open emergency access."));
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length < MinReasonLength || trimmed.Length > MaxReasonLength)
            errors.Add(new("reason", $"Say why you need the patient's data now, in {MinReasonLength}–{MaxReasonLength} characters."));
        if (errors.Count > 0)
            return Validated<BreakGlassAccess>.Fail(errors);
        var from = at.ToUniversalTime();
        return Validated<BreakGlassAccess>.Ok(new(id, patientId, caller.ActorId, caller.Role, caller.OrganisationId, trimmed, from, from + Duration));
    }
}

/// <summary>A leader's review of one break-glass use: who looked at it, when, and what they concluded. Append-only.</summary>
public sealed record BreakGlassReview(Guid Id, Guid BreakGlassId, DateTimeOffset At, string ByActorId, string Note)
{
    public const int MaxNoteLength = 500;

    public static Validated<BreakGlassReview> Record(Guid id, Guid breakGlassId, string by, string? note, DateTimeOffset at)
    {
        var trimmed = note?.Trim() ?? "";
        return trimmed.Length is 0 or > MaxNoteLength
            ? Validated<BreakGlassReview>.Fail("note", $"Write what you found (1–{MaxNoteLength} characters), e.g. \"Begrunnet: legevakt\".")
            : Validated<BreakGlassReview>.Ok(new(id, breakGlassId, at.ToUniversalTime(), by, trimmed));
    }
}
