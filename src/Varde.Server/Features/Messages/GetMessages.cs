using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Domain.Triage;
using Varde.Server.Features.Plans;

namespace Varde.Server.Features.Messages;

/// <summary>
/// A patient's messages with the follow-up service, oldest first (the newest <see cref="MaxMessages"/>), each with its
/// read receipt and, for a patient's message, how it was handled. Staff see which nurse wrote a reply; the patient
/// sees "the follow-up service" (the service answers, not a person). Reading the thread is access-logged. The service
/// gets the plan's instructions as quick texts to answer from, and the patient's GP to hand a message on to.
/// </summary>
public sealed class GetMessages(VardeDbContext db, MessageDoor door)
{
    public const string Action = "message.read";
    public const int MaxMessages = 200;

    public abstract record Outcome
    {
        public sealed record Thread(ThreadResponse Response) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Caller caller, CancellationToken ct)
    {
        var opened = await door.OpenAsync(caller, patientId, Action, ct);
        if (opened is null)
            return new Outcome.NotFound();

        var rows = await db.Messages.AsNoTracking().Where(m => m.PatientId == patientId)
            .OrderByDescending(m => m.SentAt).Take(MaxMessages)
            .Select(m => new
            {
                Message = m,
                Receipt = db.MessageReceipts.Where(r => r.MessageId == m.Id).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefault(),
                Handling = db.MessageHandlings.Where(h => h.MessageId == m.Id).Select(h => new { h.Kind, h.HandledAt, h.HandedOnTo }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var staffSide = opened.Side is MessageSide.Service or MessageSide.Reader;
        var gp = opened.Side == MessageSide.Service ? opened.Patient.GpStaffId : null;
        var names = staffSide
            ? await StaffNames.ForAsync(db, rows.Where(r => r.Message.Direction == MessageDirection.FromService).Select(r => (string?)r.Message.AuthorId)
                .Concat(rows.Select(r => r.Handling?.HandedOnTo?.ToString())).Append(gp?.ToString()), ct)
            : null;
        var messages = rows.OrderBy(r => r.Message.SentAt).ThenBy(r => r.Message.Id).Select(r => new MessageResponse(r.Message.Id, r.Message.Direction,
            r.Message.Text, r.Message.Direction == MessageDirection.FromService ? names?.Of(r.Message.AuthorId) : null, r.Message.OnBehalfLabel,
            r.Message.SentAt, r.Receipt, r.Handling?.Kind, r.Handling?.HandledAt, r.Message.PhotoId,
            names?.Find(r.Handling?.HandedOnTo?.ToString()))).ToList();
        var waiting = messages.Count(m => m.Direction == MessageDirection.FromPatient && m.Handled is null);
        var quickTexts = new List<QuickText>();
        if (opened.Side == MessageSide.Service && (await CurrentPlanVersion.InForceAsync(db, patientId, ct))?.Rules.Instructions is { } words)
        {
            foreach (var zone in new[] { TriageOutcome.Green, TriageOutcome.Yellow, TriageOutcome.Red })
            {
                if (words.For(zone) is { Length: > 0 } text)
                    quickTexts.Add(new QuickText(zone, text));
            }
        }

        var handOnTo = gp is { } gpId && names?.Find(gpId.ToString()) is { } gpName ? new HandOnTarget(gpId, gpName) : null;
        return new Outcome.Thread(new ThreadResponse(patientId, messages, waiting, opened.Side is MessageSide.Patient or MessageSide.Service, quickTexts,
            handOnTo));
    }
}
