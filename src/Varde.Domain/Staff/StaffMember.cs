using Varde.Domain.Access;

namespace Varde.Domain.Staff;

/// <summary>
/// A health worker or administrator with one role and a home organisation, and an HPR number where they have one.
/// Deactivated, never deleted: what they did keeps their name in the history.
/// </summary>
public sealed class StaffMember
{
    private StaffMember(Guid id, string name, Role role, Guid organisationId, string? hprNumber)
    {
        Id = id;
        Name = name;
        Role = role;
        OrganisationId = organisationId;
        HprNumber = hprNumber;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public Role Role { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>Helsepersonellregisteret number; GPs and specialists must have one.</summary>
    public string? HprNumber { get; private set; }

    /// <summary>
    /// The work mobile Varde sends a notification to (a red waiting past the service's limit, a plan waiting for the
    /// GP's approval); optional. Personal data: never log it.
    /// </summary>
    public string? WorkPhone { get; private set; }

    /// <summary>When the staff member stopped: from then on they cannot sign in, and their sessions and tokens are refused.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public static Validated<StaffMember> Create(Guid id, string name, Role role, Guid organisationId, string? hprNumber, string? workPhone = null)
    {
        var hpr = NormaliseHpr(hprNumber);
        var phone = Patients.PhoneNumber.Clean(workPhone);
        var errors = Errors(name, role, hpr, phone);
        return errors.Count > 0
            ? Validated<StaffMember>.Fail(errors)
            : Validated<StaffMember>.Ok(new(id, name.Trim(), role, organisationId, hpr) { WorkPhone = phone });
    }

    /// <summary>Changes name, role, organisation and HPR number under the same rules as <see cref="Create"/>; nothing changes on an error.</summary>
    public IReadOnlyList<ValidationError> Edit(string name, Role role, Guid organisationId, string? hprNumber, string? workPhone = null)
    {
        var hpr = NormaliseHpr(hprNumber);
        var phone = Patients.PhoneNumber.Clean(workPhone);
        var errors = Errors(name, role, hpr, phone);
        if (errors.Count > 0)
            return errors;
        (Name, Role, OrganisationId, HprNumber, WorkPhone) = (name.Trim(), role, organisationId, hpr, phone);
        return [];
    }

    /// <summary>Ends the staff member's access from <paramref name="at"/>; deactivating again keeps the first time.</summary>
    public void Deactivate(DateTimeOffset at) => DeactivatedAt ??= at.ToUniversalTime();

    /// <summary>Gives access back (deactivated by mistake, or back from leave); she signs in again with her password.</summary>
    public void Reactivate() => DeactivatedAt = null;

    private static string? NormaliseHpr(string? hprNumber) => string.IsNullOrWhiteSpace(hprNumber) ? null : hprNumber.Trim();

    private static List<ValidationError> Errors(string? name, Role role, string? hpr, string? workPhone)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            errors.Add(new("name", "A staff member needs a name of 1 to 200 characters."));
        if (role is Role.DeviceGateway or Role.BackendSystem or Role.Patient)
            errors.Add(new("role", "A staff member is a nurse, coordinator, GP, specialist, leader, allocation office or administrator."));
        if (hpr is not null && !HprNumberRule.IsValid(hpr))
            errors.Add(new("hprNumber", "An HPR number has 7 to 9 digits."));
        if (hpr is null && role is Role.Gp or Role.Specialist)
            errors.Add(new("hprNumber", "A GP or specialist must have an HPR number."));
        if (Patients.PhoneNumber.Check(workPhone, "workPhone") is { } badPhone)
            errors.Add(badPhone);
        return errors;
    }
}
