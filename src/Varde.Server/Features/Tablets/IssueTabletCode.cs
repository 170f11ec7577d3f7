using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Domain.Patients;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Tablets;

/// <summary>
/// POST /api/patients/{id}/tablets: registers a tablet lent to the patient and answers with its one-time enrolment
/// code (shown to staff this once; valid 72 hours). The patient, or staff on the home visit, types it on the tablet.
/// </summary>
public sealed partial class IssueTabletCode(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<IssueTabletCode> logger)
{
    public sealed record Request(string? Label);

    public sealed record Response(TabletResponse Tablet, string Code);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/tablets", (Guid patientId, Request request, ClaimsPrincipal user, IssueTabletCode slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(IssueTabletCode))
            .RequireAuthorization(Policies.EnrolPatients);

    public async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "tablet.issue", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        var now = clock.GetUtcNow();
        var issued = PatientDevice.Issue(Guid.CreateVersion7(now), patientId, request.Label, Callers.From(user).ActorId, now);
        if (!issued.IsValid)
            return TypedResults.ValidationProblem(issued.ErrorsByField());
        var (device, code) = issued.Value;
        db.PatientDevices.Add(device);
        await db.SaveChangesAsync(ct);
        LogIssued(logger, device.Id);
        return TypedResults.Created($"/api/patients/{patientId}/tablets/{device.Id}", new Response(TabletResponse.From(device, now), code));
    }

    [LoggerMessage(LogLevel.Information, "Tablet {DeviceId} registered; enrolment code issued")]
    private static partial void LogIssued(ILogger logger, Guid deviceId);
}
