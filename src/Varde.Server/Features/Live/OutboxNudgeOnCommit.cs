using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Varde.Server.Features.Live;

/// <summary>Tells the <see cref="OutboxNudge"/> when a transaction whose saves added outbox events has committed or rolled back.</summary>
public sealed class OutboxNudgeOnCommit(OutboxNudge nudge) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => nudge.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        nudge.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => nudge.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        nudge.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
