using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features;

/// <summary>Staff names for the actor ids stored on alerts and reviews ("who acknowledged it"), read in one query.</summary>
public sealed class StaffNames
{
    private readonly Dictionary<string, string> _names;

    private StaffNames(Dictionary<string, string> names) => _names = names;

    public static async Task<StaffNames> ForAsync(VardeDbContext db, IEnumerable<string?> actorIds, CancellationToken ct)
    {
        var ids = actorIds.Select(a => Guid.TryParse(a, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
            return new StaffNames([]);
        return new StaffNames(await db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id.ToString(), s => s.Name, ct));
    }

    /// <summary>The name of the actor, the id itself when it is not a staff member (a system job), or null for no actor.</summary>
    public string? Of(string? actorId) => actorId is null ? null : Find(actorId) ?? actorId;

    /// <summary>The staff member's name, or null when the id is not a staff member.</summary>
    public string? Find(string? actorId) => actorId is null ? null : _names.GetValueOrDefault(actorId);
}
