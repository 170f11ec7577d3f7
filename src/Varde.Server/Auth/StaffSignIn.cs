using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain.Staff;

namespace Varde.Server.Auth;

/// <summary>
/// Checks a staff member's user name and password (hashed, with lockout) for the login page and the password grant; a
/// deactivated staff member cannot sign in. Wrong passwords are counted in the database in one statement each, so
/// concurrent guesses cannot slip past the lockout (five wrong lock the account for 15 minutes). An unknown user name
/// costs the same password hashing as a known one, and every refusal gets the same answer, so neither the answer nor
/// its time tells whether a user name exists.
/// </summary>
public sealed class StaffSignIn(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, IPasswordHasher<StaffAccount> hasher,
    VardeDbContext db, TimeProvider clock)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    private static string? _unknownUserHash;

    public enum Failure
    {
        None,

        /// <summary>Wrong user name or password, a locked account, or a deactivated staff member: one answer for all.</summary>
        Refused,
    }

    public async Task<(StaffMember? Staff, Failure Failure)> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return (null, Failure.Refused);
        var account = await users.FindByNameAsync(userName.Trim());
        if (account is null)
        {
            // As long as checking a real password takes.
            _unknownUserHash ??= hasher.HashPassword(new StaffAccount(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new StaffAccount(), _unknownUserHash, password);
            return (null, Failure.Refused);
        }

        // Locked by Varde's clock (the one the lock was set by); the password is still hashed, so a lock takes no less time.
        var locked = account.LockoutEnabled && account.LockoutEnd > clock.GetUtcNow();
        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: false);
        if (locked || result.IsLockedOut)
            return (null, Failure.Refused);
        if (!result.Succeeded)
        {
            await CountFailureAsync(account.Id, ct);
            return (null, Failure.Refused);
        }

        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == account.Id && s.DeactivatedAt == null, ct);
        return staff is null ? (null, Failure.Refused) : (staff, Failure.None);
    }

    // One UPDATE adds the failure (no read-modify-write that concurrent attempts overwrite); the fifth locks the account.
    private async Task CountFailureAsync(Guid accountId, CancellationToken ct)
    {
        await db.Users.Where(u => u.Id == accountId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var lockedUntil = clock.GetUtcNow() + LockoutTime;
        await db.Users.Where(u => u.Id == accountId && u.AccessFailedCount >= MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, lockedUntil).SetProperty(u => u.AccessFailedCount, 0), ct);
    }
}
