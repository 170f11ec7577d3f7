using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Video;
using Varde.Server.Features.Notifications;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Video;

/// <summary>
/// A nurse or coordinator of the patient's service opens a video consultation with her, now or booked for a time, inviting her GP, a specialist
/// of a hospital department she is shared with, and an interpreter as chosen. The host and the GP join from Varde, the patient from the patient app; the interpreter gets a
/// link of her own, shown once, that opens her seat in this call and nothing else. Access-logged.
/// </summary>
public sealed class StartVideoCall(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const string Action = "video.start";

    /// <summary>
    /// Whom to invite besides the patient: her GP, a specialist of a hospital department she is shared with, an
    /// interpreter; and when: now, or at a booked time (the patient sees it on I dag and is reminded when it can be joined).
    /// </summary>
    public sealed record Request(bool WithGp, bool WithInterpreter, Guid? SpecialistId = null, DateTimeOffset? BookedFor = null);

    public sealed record Started(Guid CallId, string HostLink, string PatientLink, string? GpLink, string? InterpreterLink, string? SpecialistLink = null);

    public abstract record Outcome
    {
        public sealed record Opened(Started Call) : Outcome;

        public sealed record Refused(IReadOnlyList<Domain.ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Request request, Caller caller, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null || caller.Role is not (Role.Nurse or Role.Coordinator) || !PatientAccessRule.Allows(caller, patient.CareRelations)
            || !Guid.TryParse(caller.ActorId, out var host))
        {
            await gate.LogAsync(caller, [patientId], Action, AccessOutcome.Denied, ct);
            return new Outcome.NotFound();
        }

        // A specialist of a department the patient is shared with (where the hospital follows her too).
        if (request.SpecialistId is { } specialistId && !await db.StaffMembers.AnyAsync(s => s.Id == specialistId && s.DeactivatedAt == null
                && s.Role == Role.Specialist && patient.SharedWithDepartmentIds.Contains(s.OrganisationId), ct))
            return new Outcome.Refused([new("specialistId", "Invite a specialist of a hospital department the patient is shared with.")]);

        var now = clock.GetUtcNow();
        if (VideoCall.CheckBooking(request.BookedFor, now) is { Count: > 0 } wrongTime)
            return new Outcome.Refused(wrongTime);

        var token = request.WithInterpreter ? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() : null;
        var gp = request.WithGp ? patient.GpStaffId : null;
        var call = VideoCall.Open(Guid.CreateVersion7(now), patientId, patient.FollowUpServiceId, host, gp, request.WithInterpreter,
            token is null ? null : VideoLinks.Hash(token), now, request.SpecialistId, request.BookedFor);
        db.VideoCalls.Add(call);
        Notify.PatientOfBookedCall(db, call, now);
        gate.Stage(caller, [patientId], Action, AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
        return new Outcome.Opened(new Started(call.Id, VideoLinks.Staff(call.Id), VideoLinks.Patient(call.Id), gp is null ? null : VideoLinks.Staff(call.Id),
            token is null ? null : VideoLinks.Interpreter(token), request.SpecialistId is null ? null : VideoLinks.Staff(call.Id)));
    }
}

/// <summary>Where each seat of a call is taken, and how an interpreter's link token is kept (its SHA-256 only).</summary>
public static class VideoLinks
{
    public static string Staff(Guid callId) => $"/video/{callId}";

    public static string Patient(Guid callId) => $"/pasient/video/{callId}";

    public static string Interpreter(string token) => $"/video/tolk/{token}";

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
