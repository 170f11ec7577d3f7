using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Relatives;

namespace Varde.Server.Features.Relatives;

/// <summary>Reads a relative's consent in force: the newest decision's permissions.</summary>
public static class RelativeConsents
{
    public static async Task<RelativePermissions> CurrentAsync(VardeDbContext db, Guid relativeId, CancellationToken ct) =>
        await db.RelativeConsents.AsNoTracking().Where(c => c.RelativeId == relativeId)
            .OrderByDescending(c => c.Sequence).Select(c => (RelativePermissions?)c.Permissions).FirstOrDefaultAsync(ct)
        ?? RelativePermissions.None;

    /// <summary>The number the relative's next decision gets.</summary>
    public static async Task<int> NextSequenceAsync(VardeDbContext db, Guid relativeId, CancellationToken ct) =>
        (await db.RelativeConsents.Where(c => c.RelativeId == relativeId).MaxAsync(c => (int?)c.Sequence, ct) ?? 0) + 1;

    /// <summary>The permissions as single flags, for an answer or a form.</summary>
    public static IReadOnlyList<RelativePermissions> Split(RelativePermissions permissions) =>
        Enum.GetValues<RelativePermissions>().Where(p => p != RelativePermissions.None && permissions.HasFlag(p)).ToList();

    public static RelativePermissions Join(IEnumerable<RelativePermissions>? permissions) =>
        (permissions ?? []).Aggregate(RelativePermissions.None, (all, p) => all | p);
}
