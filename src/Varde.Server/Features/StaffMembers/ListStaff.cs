using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.StaffMembers;

/// <summary>GET /api/admin/staff: every staff member with organisation and user name, by name; deactivated ones too unless <c>activeOnly</c>.</summary>
public sealed class ListStaff(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/staff", async (bool? activeOnly, ListStaff slice, CancellationToken ct) => TypedResults.Ok(await slice.HandleAsync(activeOnly == true, ct)))
            .WithName(nameof(ListStaff))
            .RequireAuthorization(Policies.Administer);

    public async Task<IReadOnlyList<StaffResponse>> HandleAsync(bool activeOnly, CancellationToken ct) =>
        (await QueryAsync(db, null, activeOnly, ct)).OrderBy(s => s.Name, StringComparer.Create(CultureInfo.GetCultureInfo("nb-NO"), true)).ToList();

    public static async Task<StaffResponse?> OneAsync(VardeDbContext db, Guid id, CancellationToken ct) =>
        (await QueryAsync(db, id, false, ct)).SingleOrDefault();

    private static async Task<List<StaffResponse>> QueryAsync(VardeDbContext db, Guid? id, bool activeOnly, CancellationToken ct)
    {
        var rows = await (
                from s in db.StaffMembers.AsNoTracking()
                join o in db.Organisations on s.OrganisationId equals o.Id
                join a in db.Users on s.Id equals a.Id into accounts
                from a in accounts.DefaultIfEmpty()
                where (id == null || s.Id == id) && (!activeOnly || s.DeactivatedAt == null)
                select new { Staff = s, Organisation = o.Name, UserName = a == null ? null : a.UserName, Chosen = a != null && a.PasswordHash != null })
            .ToListAsync(ct);
        return rows.Select(r => StaffResponse.From(r.Staff, r.Organisation, r.UserName, r.Chosen)).ToList();
    }
}
