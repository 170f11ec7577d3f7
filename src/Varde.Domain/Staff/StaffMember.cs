using Varde.Domain.Access;

namespace Varde.Domain.Staff;

/// <summary>A health worker or administrator with one role and a home organisation, and an HPR number where they have one.</summary>
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

    public static Validated<StaffMember> Create(Guid id, string name, Role role, Guid organisationId, string? hprNumber)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            errors.Add(new("name", "A staff member needs a name of 1 to 200 characters."));
        if (role == Role.DeviceGateway)
            errors.Add(new("role", "A device gateway is an integration client, not a staff member."));
        var hpr = string.IsNullOrWhiteSpace(hprNumber) ? null : hprNumber.Trim();
        if (hpr is not null && !HprNumberRule.IsValid(hpr))
            errors.Add(new("hprNumber", "An HPR number has 7 to 9 digits."));
        if (hpr is null && role is Role.Gp or Role.Specialist)
            errors.Add(new("hprNumber", "A GP or specialist must have an HPR number."));
        return errors.Count > 0
            ? Validated<StaffMember>.Fail(errors)
            : Validated<StaffMember>.Ok(new(id, name.Trim(), role, organisationId, hpr));
    }
}
