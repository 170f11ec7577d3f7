using Microsoft.AspNetCore.Identity;

namespace Varde.Data.Identity;

/// <summary>
/// The login of a staff member (ASP.NET Core Identity: hashed password, lockout). Its id is the id of the
/// <see cref="Domain.Staff.StaffMember"/> it belongs to.
/// </summary>
public sealed class StaffAccount : IdentityUser<Guid>;
