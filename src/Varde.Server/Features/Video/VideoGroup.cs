using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Video;

/// <summary>Video consultations: start one (/api/patients/{id}/video-calls), the patient's timeline of calls, and the signalling hub.</summary>
public static class VideoGroup
{
    public sealed record CallResponse(Guid Id, DateTimeOffset OpenedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, int? DurationSeconds,
        IReadOnlyList<string> TookPart, bool Open);

    public static IHostApplicationBuilder AddVideo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 96 * 1024);
        builder.Services.AddSingleton<VideoRooms>();
        builder.Services.AddScoped<VideoSeats>();
        builder.Services.AddScoped<StartVideoCall>();
        builder.Services.AddSingleton<IceServers>();
        return builder;
    }

    public static void MapVideo(this WebApplication app)
    {
        app.MapHub<VideoHub>(VideoHub.Path).AllowAnonymous();
        var calls = app.MapGroup("/api/patients/{patientId:guid}/video-calls").WithTags("Video").RequireAuthorization(Policies.ReadPatientData);
        calls.MapPost("/", async (Guid patientId, StartVideoCall.Request request, ClaimsPrincipal user, StartVideoCall slice, CancellationToken ct) =>
            (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                StartVideoCall.Outcome.Opened o => (IResult)TypedResults.Created(o.Call.HostLink, o.Call),
                StartVideoCall.Outcome.Refused r => TypedResults.ValidationProblem(Domain.ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            }).WithName("StartVideoCall");
        calls.MapGet("/", async (Guid patientId, ClaimsPrincipal user, PatientAccessGate gate, VardeDbContext db, TimeProvider clock, CancellationToken ct) =>
            await gate.OpenAsync(user, patientId, "video.history.read", ct) is null
                ? (IResult)PatientProblems.NotFound(patientId)
                : TypedResults.Ok(await HistoryAsync(db, patientId, clock.GetUtcNow(), ct))).WithName("GetVideoCalls");
    }

    /// <summary>The patient's calls, newest first: who took part (by role), when it started, how long it lasted, whether it can be joined now.</summary>
    public static async Task<List<CallResponse>> HistoryAsync(VardeDbContext db, Guid patientId, DateTimeOffset now, CancellationToken ct) =>
        (await db.VideoCalls.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(ct))
        .OrderByDescending(c => c.OpenedAt)
        .Select(c => new CallResponse(c.Id, c.OpenedAt, c.StartedAt, c.EndedAt, c.Duration is { } d ? (int)d.TotalSeconds : null,
            c.Seats.Where(s => s.TookPart).OrderBy(s => s.Role).Select(s => s.Role.ToString()).ToList(), c.IsJoinable(now)))
        .ToList();
}
