using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain.Staff;

namespace Varde.Server.Auth;

/// <summary>Checks a staff member's user name and password (hashed, with lockout) for the login page and the password grant; a deactivated staff member cannot sign in.</summary>
public sealed class StaffSignIn(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, VardeDbContext db)
{
    public enum Failure
    {
        None,
        WrongCredentials,
        LockedOut,
    }

    public async Task<(StaffMember? Staff, Failure Failure)> CheckAsync(string? userName, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return (null, Failure.WrongCredentials);
        var account = await users.FindByNameAsync(userName.Trim());
        if (account is null)
            return (null, Failure.WrongCredentials);

        var result = await signIn.CheckPasswordSignInAsync(account, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return (null, Failure.LockedOut);
        if (!result.Succeeded)
            return (null, Failure.WrongCredentials);

        // A deactivated staff member is answered as a wrong password: whether the account exists is not told.
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == account.Id && s.DeactivatedAt == null, ct);
        return staff is null ? (null, Failure.WrongCredentials) : (staff, Failure.None);
    }
}
