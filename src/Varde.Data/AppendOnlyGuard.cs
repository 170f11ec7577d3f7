using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;

namespace Varde.Data;

/// <summary>
/// Refuses to save a change to or deletion of an append-only record (measurements, plan versions and their approvals, the access log, the administrative audit log and their hash chains, patients' care changes, relatives' consents, emergency accesses and their reviews, messages with their receipts and handlings, tries at delivering notifications, published questionnaire versions).
/// The migrations add database triggers that refuse the same, for writes that bypass EF.
/// <para>To see changes it looks for them (<c>ChangeTracker.DetectChanges</c>, a walk over every tracked entity)
/// and then lets the save skip its own look, which would find nothing new: one walk per save instead of two. Nothing may
/// change a tracked entity after the save has begun (no interceptor does).</para>
/// </summary>
internal sealed class AppendOnlyGuard : SaveChangesInterceptor
{
    public static readonly AppendOnlyGuard Instance = new();

    private static readonly ConditionalWeakTable<DbContext, object> Looked = [];

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Resume(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Resume(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Resume(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Resume(eventData.Context);
        return Task.CompletedTask;
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
            return;
        var tracker = context.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
            tracker.AutoDetectChangesEnabled = false;
            Looked.AddOrUpdate(context, Instance);
        }

        var offending = tracker.Entries()
            .FirstOrDefault(e => (e.Entity is Measurement or QuestionnaireResponse or PlanVersion or PlanApproval or AccessLogEntry or AuditSeal or Varde.Domain.Administration.AdminAuditEntry or PatientCareChange or Varde.Domain.Relatives.RelativeConsent
                    or BreakGlassAccess or BreakGlassReview or TransferRequest or TransferDecision
                    or Varde.Domain.Messages.PatientMessage or Varde.Domain.Messages.MessageReceipt or Varde.Domain.Messages.MessageHandling or Varde.Domain.Messages.MessagePhoto
                    or Varde.Domain.Notifications.NotificationAttempt
                    || (e.Entity is QuestionnaireVersion && e.OriginalValues[nameof(QuestionnaireVersion.PublishedAt)] is not null))
                && e.State is EntityState.Modified or EntityState.Deleted);
        if (offending is null)
            return;
        Resume(context);
        throw new InvalidOperationException($"{offending.Entity.GetType().Name} is append-only: it cannot be changed or deleted.");
    }

    private static void Resume(DbContext? context)
    {
        if (context is not null && Looked.Remove(context))
            context.ChangeTracker.AutoDetectChangesEnabled = true;
    }
}
