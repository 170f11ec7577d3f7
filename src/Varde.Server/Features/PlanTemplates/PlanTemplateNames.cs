using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>Two templates in use never share a name: a nurse picks a template by it.</summary>
public static class PlanTemplateNames
{
    public static readonly ValidationError Taken = new("name", "Another template in use has this name; give this one its own.");

    public static async Task<List<ValidationError>> CheckAsync(VardeDbContext db, string? name, Guid? self, CancellationToken ct)
    {
        var trimmed = name?.Trim();
        return !string.IsNullOrEmpty(trimmed) && await db.PlanTemplates.AnyAsync(t => t.Name == trimmed && t.RetiredAt == null && t.Id != self, ct)
            ? [Taken]
            : [];
    }
}
