using Varde.Data;
using Varde.Domain.Messages;

namespace Varde.Server.Features.Messages;

/// <summary>The questions several message slices ask, written once.</summary>
public static class MessageQueries
{
    /// <summary>Messages from patients not handled yet: the service's work.</summary>
    public static IQueryable<PatientMessage> Waiting(VardeDbContext db) =>
        db.Messages.Where(m => m.Direction == MessageDirection.FromPatient && !db.MessageHandlings.Any(h => h.MessageId == m.Id));

    /// <summary>The ids of a patient's messages in one direction that the other side has not read.</summary>
    public static IQueryable<Guid> Unread(VardeDbContext db, Guid patientId, MessageDirection direction) =>
        db.Messages.Where(m => m.PatientId == patientId && m.Direction == direction && !db.MessageReceipts.Any(r => r.MessageId == m.Id))
            .Select(m => m.Id);
}
