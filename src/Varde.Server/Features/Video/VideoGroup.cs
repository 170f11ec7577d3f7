using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Services;
using Varde.Domain.Video;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Video;

/// <summary>Video consultations: start one (/api/patients/{id}/video-calls), the patient's timeline of calls, and the signalling hub.</summary>
public static class VideoGroup
{
    public sealed record CallResponse(Guid Id, DateTimeOffset OpenedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int? DurationSeconds,
        IReadOnlyList<string> TookPart, bool Open, DateTimeOffset? BookedFor = null, bool Joinable = false);

    public static IHostApplicationBuilder AddVideo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 96 * 1024);
        builder.Services.AddSingleton<VideoRooms>();
        builder.Services.AddScoped<VideoSeats>();
        builder.Services.AddScoped<StartVideoCall>();
        builder.Services.AddScoped<CancelVideoCall>();
        builder.Services.AddSingleton<IceServers>();
        return builder;
    }

    public static void MapVideo(this WebApplication app)
    {
        app.MapHub<VideoHub>(VideoHub.Path).AllowAnonymous();
        var calls = app.MapGroup("/api/patients/{patientId:guid}/video-calls").WithTags("Video").RequireAuthorization(Policies.ReadPatientData);
        calls.MapPost("/", async Task<Results<Created<StartVideoCall.Started>, ValidationProblem, ProblemHttpResult>> (Guid patientId,
                StartVideoCall.Request request, ClaimsPrincipal user, StartVideoCall slice, CancellationToken ct) =>
            (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                StartVideoCall.Outcome.Opened o => TypedResults.Created(o.Call.HostLink, o.Call),
                StartVideoCall.Outcome.Refused r => TypedResults.ValidationProblem(Domain.ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            }).WithName("StartVideoCall");
        calls.MapDelete("/{callId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid patientId, Guid callId, ClaimsPrincipal user,
                CancelVideoCall slice, CancellationToken ct) =>
            (await slice.HandleAsync(patientId, callId, Callers.From(user), ct)) switch
            {
                CancelVideoCall.Outcome.Cancelled => TypedResults.NoContent(),
                CancelVideoCall.Outcome.Refused r => TypedResults.Problem(r.Errors[0].Message, statusCode: StatusCodes.Status409Conflict),
                _ => PatientProblems.NotFound(patientId),
            }).WithName("CancelVideoCall");
        calls.MapGet("/", async Task<Results<ProblemHttpResult, Ok<List<CallResponse>>>> (Guid patientId, ClaimsPrincipal user, PatientAccessGate gate,
                VardeDbContext db, TimeProvider clock, CancellationToken ct) =>
            await gate.OpenAsync(user, patientId, "video.history.read", ct) is null
                ? PatientProblems.NotFound(patientId)
                : TypedResults.Ok(await HistoryAsync(db, patientId, clock.GetUtcNow(), ct))).WithName("GetVideoCalls");
    }

    /// <summary>
    /// The patient's calls, the latest (booked) time first: who took part (by role), when it started, how long it lasted,
    /// whether it is still open (booked or under way) and whether it can be joined now.
    /// </summary>
    public static async Task<List<CallResponse>> HistoryAsync(VardeDbContext db, Guid patientId, DateTimeOffset now, CancellationToken ct) =>
        (await db.VideoCalls.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(ct))
        .OrderByDescending(c => c.BookedFor ?? c.OpenedAt)
        .Select(c => new CallResponse(c.Id, c.OpenedAt, c.StartedAt, c.EndedAt, c.Duration is { } d ? (int)d.TotalSeconds : null,
            c.Seats.Where(s => s.TookPart).OrderBy(s => s.Role).Select(s => s.Role.ToString()).ToList(), c.IsOpen && (c.BookedFor ?? c.OpenedAt) + VideoCall.JoinableFor > now,
            c.BookedFor, c.IsJoinable(now)))
        .ToList();

    /// <summary>The specialists who can be invited: active specialists of the hospital departments the patient is shared with.</summary>
    public static async Task<List<(Guid Id, string Name)>> SpecialistsAsync(VardeDbContext db, Guid patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null || patient.SharedWithDepartmentIds.Count == 0)
            return [];
        var departments = patient.SharedWithDepartmentIds.ToList();
        return (await db.StaffMembers.AsNoTracking()
                .Where(s => s.Role == Role.Specialist && s.DeactivatedAt == null && departments.Contains(s.OrganisationId))
                .OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, s.Name)).ToList();
    }

    /// <summary>A call of the service's day, for the worklist: whose, when (booked, or opened), whether it can be joined now.</summary>
    public sealed record TodayCall(Guid Id, Guid PatientId, string PatientName, DateTimeOffset At, bool Booked, bool Joinable);

    /// <summary>
    /// The service's video calls today that are not over: those booked for today (Norwegian time) and those opened there
    /// and then that can still be joined, by time.
    /// </summary>
    public static async Task<List<TodayCall>> TodayForServiceAsync(VardeDbContext db, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        var today = NorwegianTime.Today(now);
        var (from, to) = (NorwegianTime.ToInstant(today, TimeOnly.MinValue), NorwegianTime.ToInstant(today.AddDays(1), TimeOnly.MinValue));
        var joinableSince = now - VideoCall.JoinableFor;
        var calls = await db.VideoCalls.AsNoTracking()
            .Where(c => c.ServiceId == serviceId && c.EndedAt == null
                && (c.BookedFor == null ? c.OpenedAt > joinableSince : c.BookedFor >= from && c.BookedFor < to))
            .Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => new { Call = c, p.Name })
            .ToListAsync(ct);
        return calls.Select(x => new TodayCall(x.Call.Id, x.Call.PatientId, x.Name, x.Call.BookedFor ?? x.Call.OpenedAt, x.Call.BookedFor is not null,
                x.Call.IsJoinable(now)))
            .OrderBy(c => c.At).ToList();
    }
}
