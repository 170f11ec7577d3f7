using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Staff;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// Finds the staff member a HelseID sign-in is for: the security level must be at least the required one (4), and the
/// HPR number in the token must belong to an active staff member. Varde trusts HelseID's HPR claim (HelseID looks it
/// up in the national register from the person's identity number); the number itself is public, which is why only a
/// signed, fresh token from the configured authority counts.
/// </summary>
public sealed class StaffFromHelseId(VardeDbContext db)
{
    public const string HprNumberClaim = "helseid://claims/hpr/hpr_number";
    public const string SecurityLevelClaim = "helseid://claims/identity/security_level";

    /// <summary>What Varde asks HelseID for: only the level and the HPR number (not the identity number, which it does not use).</summary>
    public static readonly string[] Scopes = ["helseid://scopes/identity/security_level", "helseid://scopes/hpr/hpr_number"];

    public async Task<(StaffMember? Staff, SignInRefusal? Refusal)> FindAsync(ClaimsPrincipal helseId, string requiredLevel, CancellationToken ct)
    {
        if (!int.TryParse(helseId.FindFirstValue(SecurityLevelClaim), out var level) || level < int.Parse(requiredLevel, System.Globalization.CultureInfo.InvariantCulture))
            return (null, SignInRefusal.LevelTooLow);
        var hpr = helseId.FindFirstValue(HprNumberClaim)?.Trim();
        if (string.IsNullOrEmpty(hpr))
            return (null, SignInRefusal.NoHprNumber);
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.HprNumber == hpr && s.DeactivatedAt == null, ct);
        return staff is null ? (null, SignInRefusal.UnknownPerson) : (staff, null);
    }
}
