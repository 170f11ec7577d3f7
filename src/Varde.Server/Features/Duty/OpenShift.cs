using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Duty;

/// <summary>Ends a staff member's open shift when they stop, move to another organisation or change role (staged; the caller saves).</summary>
public static class OpenShift
{
    public static async Task EndAsync(VardeDbContext db, Guid staffMemberId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.DutyShifts.SingleOrDefaultAsync(s => s.StaffMemberId == staffMemberId && s.EndedAt == null, ct) is { } shift)
            shift.End(now);
    }
}
