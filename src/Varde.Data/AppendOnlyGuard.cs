using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Data;

/// <summary>
/// Refuses to save a change to or deletion of an append-only record (measurements, plan versions and their approvals, the access log).
/// The migrations add database triggers that refuse the same, for writes that bypass EF.
/// </summary>
internal sealed class AppendOnlyGuard : SaveChangesInterceptor
{
    public static readonly AppendOnlyGuard Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        var offending = context?.ChangeTracker.Entries()
            .FirstOrDefault(e => e.Entity is Measurement or QuestionnaireResponse or PlanVersion or PlanApproval or AccessLogEntry && e.State is EntityState.Modified or EntityState.Deleted);
        if (offending is not null)
            throw new InvalidOperationException($"{offending.Entity.GetType().Name} is append-only: it cannot be changed or deleted.");
    }
}
