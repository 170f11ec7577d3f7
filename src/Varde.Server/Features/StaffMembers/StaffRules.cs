using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Staff;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// The checks on a staff member that need the database: an organisation that exists and is in use (one already worked
/// in may stay after it is deactivated), and an HPR number no one else has. User names follow one pattern.
/// </summary>
public static class StaffRules
{
    public static async Task<List<ValidationError>> CheckAsync(VardeDbContext db, StaffMember? current, StaffRequest request, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (request.Role is null)
            errors.Add(new("role", "Choose the staff member's role."));
        if (request.OrganisationId is not { } organisationId)
            errors.Add(new("organisationId", "Choose the organisation the staff member works in."));
        else if (organisationId != current?.OrganisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId && o.DeactivatedAt == null, ct))
            errors.Add(new("organisationId", "No organisation in use with this id."));
        else if (request.Role == Role.AllocationOffice
                 && !await db.Organisations.AnyAsync(o => o.Id == organisationId && o.Kind == OrganisationKind.Municipality, ct))
            errors.Add(new("organisationId", "An allocation office works in a municipality."));

        var hpr = request.HprNumber?.Trim();
        if (!string.IsNullOrEmpty(hpr) && HprNumberRule.IsValid(hpr) && await HprTakenAsync(db, hpr, current?.Id, ct))
            errors.Add(new("hprNumber", $"HPR number {hpr} belongs to another staff member."));
        return errors;
    }

    public static Task<bool> HprTakenAsync(VardeDbContext db, string hpr, Guid? except, CancellationToken ct) =>
        db.StaffMembers.AnyAsync(s => s.HprNumber == hpr && s.Id != except, ct);

    /// <summary>A user name has 3 to 64 letters a–z, digits, dots, dashes or underscores.</summary>
    public static ValidationError? UserNameError(string? userName)
    {
        var name = userName?.Trim() ?? "";
        return name.Length is < 3 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? new("userName", "A user name has 3 to 64 letters (a–z), digits, dots, dashes or underscores.")
            : null;
    }
}
