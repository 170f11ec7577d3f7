using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Video;

/// <summary>
/// A nurse or coordinator of the patient's service calls off a video call that has not started (a booked one, or one
/// opened by mistake): it ends, its links stop working, anyone in its waiting room is told, and the patient's reminder
/// is not sent. A call under way is ended from inside it. Access-logged.
/// </summary>
public sealed class CancelVideoCall(VardeDbContext db, PatientAccessGate gate, IHubContext<VideoHub> hub, TimeProvider clock)
{
    public const string Action = "video.cancel";

    public abstract record Outcome
    {
        public sealed record Cancelled : Outcome;

        public sealed record Refused(IReadOnlyList<Domain.ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Guid callId, Caller caller, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var call = await db.VideoCalls.SingleOrDefaultAsync(c => c.Id == callId && c.PatientId == patientId, ct);
        if (patient is null || call is null || caller.Role is not (Role.Nurse or Role.Coordinator) || !PatientAccessRule.Allows(caller, patient.CareRelations))
        {
            await gate.LogAsync(caller, [patientId], Action, AccessOutcome.Denied, ct);
            return new Outcome.NotFound();
        }

        if (call.StartedAt is not null && call.IsOpen)
            return new Outcome.Refused([new("callId", "The call is under way: end it from the call.")]);

        call.End(clock.GetUtcNow());
        gate.Stage(caller, [patientId], Action, AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
        await hub.Clients.Group(VideoHub.Group(callId)).SendAsync("ended", ct);
        return new Outcome.Cancelled();
    }
}
